# tools/bench memos (issue 5), sourced by tools/bench: the professional timeline on a generated
# database of 1,000,000 memos over 10,000 patients, in a private durable cluster (fsync and
# synchronous commits on) under build/bench. Prints:
#   - timeline page latency with 10,000 memos (100 patients), then with 1,000,000 (10,000 patients);
#   - timeline page req/s at 32 connections against nginx serving a static file in the same run
#     (GET /api/v1/patients/{id}/memos?limit=50, signed in, read receipts included, one
#     access-log entry each);
#   - memo posts per second at 32 connections (durable commits);
#   - delivery latency from a post to 1,000 connected event streams (tools/bench_events.py).
# MIMAMORI_BENCH_REUSE=1: keep the generated cluster (build/bench/memos/pg) of an earlier complete
# run instead of generating it again (that takes minutes); the 10,000-memo figures are then
# skipped, and the memos posted by earlier runs stay in the database.
# shellcheck shell=bash

MEMO_TEMPLATES=(
  "仙骨部に褥瘡あり。体位変換を2時間毎に継続。"
  "37.8度の発熱あり、吸引を実施。SpO2 95%。"
  "食事摂取良好。排便あり。変わりなし。"
  "疼痛の訴えあり、頓用を使用。夜間は入眠できている。"
  "訪問リハビリ実施。歩行器で室内歩行可能。"
  "服薬カレンダーを確認、飲み忘れなし。"
  "ご家族より、最期は自宅で過ごしたいとの希望を聴取。"
  "血圧132/78、脈拍72、呼吸状態安定。"
  "褥瘡の処置を実施、滲出液少量。ガーゼ交換。"
  "デイサービス利用日。送迎時の様子に変化なし。"
)

# The bench's fixed cast: a nurse (whose 100 patients are measured), a doctor and a care manager.
memos_cast() {
  local hash
  hash=$(python3 -c '
import ctypes
s = ctypes.CDLL("libsodium.so.23"); s.sodium_init()
out = ctypes.create_string_buffer(128); pw = b"Bench-password-2026!"
assert s.crypto_pwhash_str(out, pw, ctypes.c_ulonglong(len(pw)), ctypes.c_ulonglong(1), ctypes.c_size_t(8192)) == 0
print(out.value.decode())')
  local templates
  templates=$(python3 - "${MEMO_TEMPLATES[@]}" <<'PY'
import json, sys
punct = set(" \t\r\n、。「」・（）()!,.:;?%/")
rows = []
for n, text in enumerate(sys.argv[1:]):
    norm = text.lower()
    grams, run = set(), ""
    for ch in norm + " ":
        if ch in punct:
            grams.update(run[i:i + 2] for i in range(len(run) - 1)); run = ""
        else:
            run += ch
    arr = "{" + ",".join('"' + g.replace('"', '\\"') + '"' for g in sorted(grams)) + "}"
    content = json.dumps({"kind": "visit_record", "text": text}, ensure_ascii=False)
    rows.append("(%d, '%s'::jsonb, '%s', '%s')" % (n, content.replace("'", "''"), norm.replace("'", "''"), arr))
print(",\n".join(rows))
PY
)
  psql "$BENCH_DB" -q <<SQL >/dev/null
CREATE TABLE bench_templates (n int PRIMARY KEY, content jsonb, search_text text, bigrams text[]);
INSERT INTO bench_templates VALUES $templates;
INSERT INTO facilities (type, name, name_kana, plan) VALUES
  ('visiting_nurse', 'ベンチ訪問看護', 'ベンチ', 'network_only'), ('clinic', 'ベンチ診療所', 'ベンチ', 'network_only'),
  ('care_management', 'ベンチ居宅', 'ベンチ', 'network_only');
INSERT INTO accounts (kind, login, name, name_kana, email, profession, status, password_hash) VALUES
  ('staff', 'bench.nurse', 'ベンチ 看護師', 'ベンチ', 'n@example.jp', 'nurse', 'active', '$hash'),
  ('staff', 'bench.doctor', 'ベンチ 医師', 'ベンチ', 'd@example.jp', 'doctor', 'active', '$hash'),
  ('staff', 'bench.cm', 'ベンチ ケアマネ', 'ベンチ', 'c@example.jp', 'care_manager', 'active', '$hash');
INSERT INTO affiliations (account_id, facility_id, manager)
  SELECT a.id, f.id, false FROM accounts a JOIN facilities f ON (a.login, f.type) IN
    (('bench.nurse', 'visiting_nurse'), ('bench.doctor', 'clinic'), ('bench.cm', 'care_management'));
SQL
}

# memos_grow FIRST LAST: patients FIRST..LAST (1-based) with their teams, consent and 100 memos
# each (interleaved in time, one read receipt each); the nurse is in the teams of patients 1..100.
memos_grow() {
  psql "$BENCH_DB" -q -v first="$1" -v last="$2" <<'SQL' >/dev/null
\set ON_ERROR_STOP on
CREATE TEMP TABLE cast_ids AS SELECT
  (SELECT id FROM accounts WHERE login = 'bench.nurse') AS nurse, (SELECT id FROM accounts WHERE login = 'bench.doctor') AS doctor,
  (SELECT id FROM accounts WHERE login = 'bench.cm') AS cm, (SELECT id FROM facilities WHERE type = 'visiting_nurse') AS f_nurse,
  (SELECT id FROM facilities WHERE type = 'clinic') AS f_doctor, (SELECT id FROM facilities WHERE type = 'care_management') AS f_cm;
INSERT INTO patients (name, name_kana, birth_date, sex, facility_id)
  SELECT 'ベンチ 患者' || g, 'ベンチ カンジャ', '1940-01-01', 'female', (SELECT f_nurse FROM cast_ids)
    FROM generate_series(:first, :last) g ORDER BY g;
CREATE TEMP TABLE new_patients AS
  SELECT id, n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM patients WHERE name_kana = 'ベンチ カンジャ') b
   WHERE n >= :first;
INSERT INTO care_teams (name, patient_id) SELECT 'ベンチ', id FROM new_patients;
INSERT INTO team_members (team_id, account_id, facility_id, team_role, starts_on)
  SELECT t.id, m.account, m.facility, m.role, '2020-01-01'
    FROM new_patients p JOIN care_teams t ON t.patient_id = p.id, cast_ids c,
         LATERAL (VALUES (c.doctor, c.f_doctor, 'attending_doctor'), (c.cm, c.f_cm, 'care_manager'),
                         (CASE WHEN p.n <= 100 THEN c.nurse END, c.f_nurse, 'visiting_nurse')) m(account, facility, role)
   WHERE m.account IS NOT NULL;
INSERT INTO consents (patient_id, scope_professional, scope_family, signer_kind, signer_name, method, consent_text,
                      consent_text_sha256, signature_strokes)
  SELECT id, true, false, 'patient', 'ベンチ', 'e_signature', '同意', sha256('同意'::bytea), '[]' FROM new_patients;
DROP INDEX IF EXISTS memos_search;
INSERT INTO memos (patient_id, kind, author_id, author_profession, facility_id, created_at, updated_at, content,
                   search_text, search_bigrams)
  SELECT p.id, 'visit_record', a.account, a.profession, a.facility, ts, ts, t.content, t.search_text, t.bigrams
    FROM generate_series(1, 100) k CROSS JOIN new_patients p, cast_ids c,
         LATERAL (SELECT now() - make_interval(mins => (100 - k) * 600 + (p.n % 600)::int) AS ts) tm,
         LATERAL (SELECT CASE (p.n + k) % 3 WHEN 0 THEN c.doctor WHEN 1 THEN c.cm ELSE coalesce(CASE WHEN p.n <= 100 THEN c.nurse END, c.cm) END AS account) who,
         LATERAL (SELECT who.account, CASE WHEN who.account = c.doctor THEN 'doctor' WHEN who.account = c.cm THEN 'care_manager' ELSE 'nurse' END,
                         CASE WHEN who.account = c.doctor THEN c.f_doctor WHEN who.account = c.cm THEN c.f_cm ELSE c.f_nurse END) a(account, profession, facility),
         bench_templates t
   WHERE t.n = (p.n * 7 + k) % 10
   ORDER BY k, p.n;
CREATE INDEX memos_search ON memos USING gin (search_bigrams);
INSERT INTO memo_versions (memo_id, number, content, editor_id, created_at)
  SELECT m.id, 1, m.content, m.author_id, m.created_at FROM memos m JOIN new_patients p ON p.id = m.patient_id;
INSERT INTO memo_reads (memo_id, account_id, read_at)
  SELECT m.id, CASE WHEN m.author_id = c.doctor THEN c.cm ELSE c.doctor END, m.created_at + interval '1 hour'
    FROM memos m JOIN new_patients p ON p.id = m.patient_id, cast_ids c;
INSERT INTO patient_memo_counts (patient_id, memo_count, last_memo_at)
  SELECT m.patient_id, count(*), max(m.created_at) FROM memos m JOIN new_patients p ON p.id = m.patient_id GROUP BY 1;
SQL
  psql "$BENCH_DB" -qc "VACUUM ANALYZE" >/dev/null
}

# The nurse's patients (the first 100) as a Lua table body.
memos_patient_ids() {
  psql "$BENCH_DB" -Atc "SELECT string_agg(id::text, ',' ORDER BY id) FROM (SELECT id FROM patients
    WHERE name_kana = 'ベンチ カンジャ' ORDER BY id LIMIT 100) p"
}

# memos_wrk CONNECTIONS SECONDS LUA URL -> "req/s p50 p99 non2xx"
memos_wrk() {
  wrk -t2 -c"$1" -d"$2"s --latency -s "$3" "$4" | awk '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {print rps, p50, p99, (bad == "" ? 0 : bad)}'
}

bench_memos() {
  ulimit -n "$(ulimit -Hn)" # 1,000 event streams (and the server's connections)
  # A cluster of its own (build/bench/memos/pg), fresh each run unless reused: the generated data
  # takes a few GB.
  local WORK="$BUILD/bench/memos" reuse=""
  mkdir -p "$WORK"
  pg_down "$WORK/pg"
  if [ -n "${MIMAMORI_BENCH_REUSE:-}" ] && [ -f "$WORK/pg/generated" ]; then
    reuse=1
  else
    rm -rf "$WORK/pg"
  fi
  trap 'stop_server; pg_down "$BUILD/bench/memos/pg"' EXIT
  BENCH_KEEP_DB=$reuse start_server durable
  start_nginx
  local t0 ids body cookie csrf first
  t0=$(date +%s)
  [ -n "$reuse" ] || { memos_cast; memos_grow 1 100; }
  body=$(curl -s -D "$WORK/memos.head" -H 'Content-Type: application/json' \
    -d '{"login":"bench.nurse","password":"Bench-password-2026!"}' "$SERVER_URL/api/v1/session")
  cookie=$(grep -i '^set-cookie:' "$WORK/memos.head" | sed 's/^[^:]*: *//; s/;.*//; s/^mimamori_session=//')
  csrf=$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  [ -n "$cookie" ] || die "the memo benchmark's sign-in failed"
  ids=$(memos_patient_ids)
  first=${ids%%,*}
  cat >"$WORK/timeline.lua" <<LUA
wrk.headers["Cookie"] = "mimamori_session=$cookie"
local ids = {$ids}
request = function() return wrk.format("GET", "/api/v1/patients/" .. ids[math.random(#ids)] .. "/memos?limit=50") end
LUA
  cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Cookie"] = "mimamori_session=$cookie"
wrk.headers["X-CSRF-Token"] = "$csrf"
wrk.headers["Content-Type"] = "application/json"
local ids = {$ids}
local body = '{"kind":"visit_record","text":"ベンチの訪問記録。体位変換を継続、褥瘡なし。"}'
request = function() return wrk.format("POST", "/api/v1/patients/" .. ids[math.random(#ids)] .. "/memos", nil, body) end
LUA
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: mimamori_session=$cookie" \
    "$SERVER_URL/api/v1/patients/$first/memos?limit=50")" = 200 ] || die "the timeline answered no 200"
  local s_rps=- s_p50=- s_p99=- s_bad=0
  if [ -z "$reuse" ]; then
    memos_wrk 4 3 "$WORK/timeline.lua" "$SERVER_URL" >/dev/null # warm up
    read -r s_rps s_p50 s_p99 s_bad < <(memos_wrk 4 10 "$WORK/timeline.lua" "$SERVER_URL")
    memos_grow 101 10000
    touch "$WORK/pg/generated"
  fi
  printf '\n## Timeline and live updates (issue 5): durable PostgreSQL, server, load and database on the same %s cores\n\n' "$(nproc)"
  printf '%s: %s patients, %s memos (%s read receipts) in %s s\n\n' "$([ -n "$reuse" ] && echo reused || echo generated)" \
    "$(psql "$BENCH_DB" -Atc 'SELECT count(*) FROM patients')" "$(psql "$BENCH_DB" -Atc 'SELECT count(*) FROM memos')" \
    "$(psql "$BENCH_DB" -Atc 'SELECT count(*) FROM memo_reads')" "$(( $(date +%s) - t0 ))"
  memos_wrk 4 3 "$WORK/timeline.lua" "$SERVER_URL" >/dev/null
  read -r l_rps l_p50 l_p99 l_bad < <(memos_wrk 4 10 "$WORK/timeline.lua" "$SERVER_URL")
  printf '| timeline page, 4 connections (wrk -t2 -c4 -d10s) | req/s | p50 | p99 |\n|---|---:|---:|---:|\n'
  printf '| 10,000 memos (100 patients) | %s | %s | %s |\n' "$s_rps" "$s_p50" "$s_p99"
  printf '| 1,000,000 memos (10,000 patients) | %s | %s | %s |\n' "$l_rps" "$l_p50" "$l_p99"
  [ -n "$reuse" ] && printf '\np50 latency ratio 1,000,000 / 10,000 memos: not measured (MIMAMORI_BENCH_REUSE)\n' ||
  printf '\np50 latency ratio 1,000,000 / 10,000 memos: **%s** (goal <= 1.3)\n' \
    "$(awk -v a="$l_p50" -v b="$s_p50" 'function ms(v) {return v ~ /us$/ ? v/1000 : v ~ /ms$/ ? v+0 : v*1000}
       BEGIN{printf "%.2f", ms(a)/ms(b)}')"

  local before_entries before_batches
  before_entries=$(psql "$BENCH_DB" -Atc "SELECT max(id) FROM audit_log")
  read -r n_rps n_p50 n_p99 _ < <(memos_wrk 32 10 /dev/null "http://127.0.0.1:$NGINX_PORT/static.json")
  read -r t_rps t_p50 t_p99 t_bad < <(memos_wrk 32 10 "$WORK/timeline.lua" "$SERVER_URL")
  printf '\n| wrk -t2 -c32 -d10s | req/s | p50 | p99 |\n|---|---:|---:|---:|\n'
  printf '| nginx static file | %s | %s | %s |\n' "$n_rps" "$n_p50" "$n_p99"
  printf '| GET /api/v1/patients/{id}/memos?limit=50 (signed in, receipts, logged) | %s | %s | %s |\n' "$t_rps" "$t_p50" "$t_p99"
  printf '\nratio timeline / nginx static: **%s** (goal >= 0.30); non-2xx answers: %s\n' \
    "$(awk -v a="$t_rps" -v b="$n_rps" 'BEGIN{printf "%.3f", a/b}')" "$(( s_bad + l_bad + t_bad ))"
  psql "$BENCH_DB" -Atc "SELECT count(*) || ' access-log entries in ' || count(DISTINCT at) || ' group commits (' ||
    round(count(*)::numeric / greatest(count(DISTINCT at), 1), 1) || ' per commit)' FROM audit_log WHERE id > $before_entries"

  read -r p_rps p_p50 p_p99 p_bad < <(memos_wrk 32 10 "$WORK/post.lua" "$SERVER_URL")
  printf '\n| memo posts, wrk -t2 -c32 -d10s (durable commits) | posts/s | p50 | p99 |\n|---|---:|---:|---:|\n'
  printf '| POST /api/v1/patients/{id}/memos | %s | %s | %s |\n' "$p_rps" "$p_p50" "$p_p99"
  printf '\nnon-2xx answers: %s\n' "$p_bad"

  local streams posts samples e50 e99 emax post50 missing
  sleep 2 # let the hub fan the posts out
  read -r streams posts samples e50 e99 emax post50 missing < <(python3 "$ROOT/tools/bench_events.py" "$SERVER_URL" \
    "$cookie" "$csrf" "$first" 1000 20)
  printf '\n| delivery: a post to %s event streams (%s posts, %s deliveries) | p50 | p99 | max |\n|---|---:|---:|---:|\n' \
    "$streams" "$posts" "$samples"
  printf '| POST sent -> memo.created read by the client | %s ms | %s ms | %s ms |\n' "$e50" "$e99" "$emax"
  printf '\nthe POST itself (answer after its durable commit): p50 %s ms; events missing: %s\n' "$post50" "$missing"
}
