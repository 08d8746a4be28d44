#include "repositories/patient_repository.hpp"

#include "repositories/membership_sql.hpp"

namespace mimamori::repositories {
namespace {

// The columns read_patient() takes, in its order, and the tables they come from; $1 is the Japan
// date (membership_sql.hpp).
#define PATIENT_COLUMNS                                                                                      \
    "SELECT p.id, p.name, p.name_kana, p.birth_date::text, p.sex, p.postal_code, p.address, p.phone, "       \
    "p.key_person_name, p.key_person_relation, p.key_person_phone, p.facility_id, p.status, f.name, t.id, "  \
    "c.id, c.scope_professional, c.scope_family, extract(epoch FROM c.recorded_at)::bigint, "                \
    "c.withdrawn_at IS NOT NULL, "                                                                           \
    "(SELECT count(*) FROM team_members m WHERE m.team_id = t.id AND " MIMAMORI_ACTIVE_MEMBER("m") "), "     \
    "(SELECT coalesce(string_agg(DISTINCT m.facility_id::text, ','), '') FROM team_members m "               \
    "  WHERE m.team_id = t.id AND " MIMAMORI_ACTIVE_MEMBER("m") "), "                                        \
    "extract(epoch FROM p.last_activity_at)::bigint, extract(epoch FROM p.created_at)::bigint "
#define PATIENT_FROM                                                                                         \
    "FROM patients p JOIN facilities f ON f.id = p.facility_id "                                             \
    "LEFT JOIN care_teams t ON t.patient_id = p.id "                                                         \
    "LEFT JOIN LATERAL (SELECT * FROM consents c WHERE c.patient_id = p.id "                                 \
    "                    ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) c ON true "
#define PATIENT_SELECT PATIENT_COLUMNS PATIENT_FROM

const db::Statement k_find{"patient_find", PATIENT_SELECT "WHERE p.id = $2"};

// $3: the facilities as an array literal; a patient is theirs when registered there or cared
// for by a current member acting for one of them.
const db::Statement k_list{"patient_list", PATIENT_SELECT R"sql(
     WHERE ($2 OR p.facility_id = ANY ($3::bigint[])
            OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.facility_id = ANY ($3::bigint[])
                          AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql())
       AND ($4 = '' OR strpos(lower(p.name), lower($4)) > 0 OR strpos(p.name_kana, $5) > 0)
       AND ($6 = '' OR p.status = $6)
       AND ($7::bigint IS NULL OR p.facility_id = $7::bigint)
     ORDER BY p.name_kana, p.id)sql"};

const db::Statement k_mine{"patient_mine", PATIENT_COLUMNS ", r.team_role " PATIENT_FROM R"sql(
      JOIN LATERAL (SELECT m.team_role FROM team_members m WHERE m.team_id = t.id AND m.account_id = $2
                       AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql( ORDER BY m.id LIMIT 1) r ON true
     ORDER BY p.last_activity_at DESC, p.id)sql"};

const db::Statement k_insert{"patient_insert", R"sql(
    INSERT INTO patients (name, name_kana, birth_date, sex, postal_code, address, phone, key_person_name,
                          key_person_relation, key_person_phone, facility_id, status, created_by)
    VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
    RETURNING id)sql"};

const db::Statement k_update{"patient_update", R"sql(
    UPDATE patients
       SET name = $2, name_kana = $3, birth_date = $4::date, sex = $5, postal_code = $6, address = $7,
           phone = $8, key_person_name = $9, key_person_relation = $10, key_person_phone = $11,
           facility_id = $12, status = $13, updated_at = now(), last_activity_at = now()
     WHERE id = $1)sql"};

const db::Statement k_touch{"patient_touch", "UPDATE patients SET last_activity_at = now() WHERE id = $1"};
const db::Statement k_lock{"patient_lock", "SELECT 1 FROM patients WHERE id = $1 FOR UPDATE"};

// Kana compared without spaces: "ヤマダ タロウ" and "ヤマダタロウ" are the same person.
const db::Statement k_duplicates{"patient_duplicates", R"sql(
    SELECT p.id, p.name, p.name_kana, p.birth_date::text, f.name
      FROM patients p JOIN facilities f ON f.id = p.facility_id
     WHERE translate(p.name_kana, ' 　', '') = translate($1, ' 　', '') AND p.birth_date = $2::date
     ORDER BY p.id)sql"};

const db::Statement k_facts{"patient_facts", R"sql(
    SELECT p.facility_id, t.id,
           (SELECT coalesce(string_agg(DISTINCT m.facility_id::text, ','), '') FROM team_members m
             WHERE m.team_id = t.id AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(),
           EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id AND m.account_id = $3
                      AND )sql" MIMAMORI_ACTIVE_MEMBER("m") R"sql(),
           c.id, c.scope_professional, c.scope_family, extract(epoch FROM c.recorded_at)::bigint,
           c.withdrawn_at IS NOT NULL
      FROM patients p
      LEFT JOIN care_teams t ON t.patient_id = p.id
      LEFT JOIN LATERAL (SELECT * FROM consents c WHERE c.patient_id = p.id
                          ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) c ON true
     WHERE p.id = $2)sql"};

ConsentSummary read_consent(const pqxx::row& row, int first) {
    ConsentSummary c;
    if (row[first].is_null()) return c;
    c.id = row[first].as<std::int64_t>();
    c.professional = row[first + 1].as<bool>();
    c.family = row[first + 2].as<bool>();
    c.recorded_at = row[first + 3].as<std::int64_t>();
    c.withdrawn = row[first + 4].as<bool>();
    return c;
}

PatientRow read_patient(const pqxx::row& row) {
    PatientRow p;
    p.id = row[0].as<std::int64_t>();
    auto& f = p.fields;
    f.name = row[1].as<std::string>();
    f.name_kana = row[2].as<std::string>();
    f.birth_date = parse_date(row[3].as<std::string>()).value_or(Date{});
    f.sex = row[4].as<std::string>();
    f.postal_code = row[5].as<std::string>();
    f.address = row[6].as<std::string>();
    f.phone = row[7].as<std::string>();
    f.key_person_name = row[8].as<std::string>();
    f.key_person_relation = row[9].as<std::string>();
    f.key_person_phone = row[10].as<std::string>();
    f.facility_id = row[11].as<std::int64_t>();
    f.status = row[12].as<std::string>();
    p.facility_name = row[13].as<std::string>();
    if (!row[14].is_null()) p.team_id = row[14].as<std::int64_t>();
    p.consent = read_consent(row, 15);
    p.member_count = row[20].as<std::int64_t>();
    p.member_facility_ids = id_list(row[21].as<std::string>());
    p.last_activity_at = row[22].as<std::int64_t>();
    p.created_at = row[23].as<std::int64_t>();
    return p;
}

} // namespace

std::optional<PatientRow> find_patient(db::Tx& tx, std::int64_t id, const Date& today) {
    auto rows = tx.exec(k_find, today.to_string(), id);
    if (rows.empty()) return std::nullopt;
    return read_patient(rows[0]);
}

std::vector<PatientRow> list_patients(db::Tx& tx, const PatientFilter& f) {
    const std::string facility = f.facility_id ? std::to_string(*f.facility_id) : std::string();
    std::vector<PatientRow> out;
    for (const auto& row : tx.exec(k_list, f.today.to_string(), f.everyone, array_literal(f.facilities), f.q,
                                   f.q_kana, f.status, facility.empty() ? nullptr : facility.c_str()))
        out.push_back(read_patient(row));
    return out;
}

std::int64_t insert_patient(db::Tx& tx, const PatientFields& f, std::optional<std::int64_t> created_by) {
    const std::string by = created_by ? std::to_string(*created_by) : std::string();
    return tx.exec(k_insert, f.name, f.name_kana, f.birth_date.to_string(), f.sex, f.postal_code, f.address, f.phone,
                   f.key_person_name, f.key_person_relation, f.key_person_phone, f.facility_id, f.status,
                   by.empty() ? nullptr : by.c_str())[0][0]
        .as<std::int64_t>();
}

bool update_patient(db::Tx& tx, std::int64_t id, const PatientFields& f) {
    return tx.exec(k_update, id, f.name, f.name_kana, f.birth_date.to_string(), f.sex, f.postal_code, f.address,
                   f.phone, f.key_person_name, f.key_person_relation, f.key_person_phone, f.facility_id, f.status)
               .affected_rows() == 1;
}

void touch_patient(db::Tx& tx, std::int64_t id) { tx.exec(k_touch, id); }

bool lock_patient(db::Tx& tx, std::int64_t id) { return !tx.exec(k_lock, id).empty(); }

std::vector<DuplicateRow> find_duplicates(db::Tx& tx, const std::string& name_kana, const Date& birth_date) {
    std::vector<DuplicateRow> out;
    for (const auto& row : tx.exec(k_duplicates, name_kana, birth_date.to_string()))
        out.push_back({row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::string>()});
    return out;
}

std::optional<PatientFacts> patient_facts(db::Tx& tx, std::int64_t patient_id, std::int64_t account_id,
                                          const Date& today) {
    auto rows = tx.exec(k_facts, today.to_string(), patient_id, account_id);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    PatientFacts f;
    f.facility_id = row[0].as<std::int64_t>();
    if (!row[1].is_null()) f.team_id = row[1].as<std::int64_t>();
    f.member_facility_ids = id_list(row[2].as<std::string>());
    f.member = row[3].as<bool>();
    f.consent = read_consent(row, 4);
    return f;
}

std::vector<MyPatientRow> my_patients(db::Tx& tx, std::int64_t account_id, const Date& today) {
    std::vector<MyPatientRow> out;
    for (const auto& row : tx.exec(k_mine, today.to_string(), account_id))
        out.push_back({read_patient(row), row[24].as<std::string>()});
    return out;
}

} // namespace mimamori::repositories

#undef PATIENT_SELECT
#undef PATIENT_FROM
#undef PATIENT_COLUMNS
