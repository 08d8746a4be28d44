#include "repositories/demo_memo_repository.hpp"

namespace mimamori::repositories {
namespace {

// Acknowledgements come a little after their memo (an hour, or half the time since, if less).
const db::Statement k_date_back{"demo_memo_date_back", R"sql(
    WITH m AS (
      UPDATE memos SET created_at = now() - make_interval(mins => $2::int),
                       updated_at = now() - make_interval(mins => $2::int)
       WHERE id = $1 RETURNING id, patient_id, created_at),
    v AS (UPDATE memo_versions v SET created_at = m.created_at FROM m WHERE v.memo_id = m.id),
    k AS (UPDATE memo_acknowledgements k SET at = m.created_at + make_interval(mins => least(60, $2::int / 2))
            FROM m WHERE k.memo_id = m.id)
    UPDATE patient_memo_counts c
       SET last_memo_at = greatest(m.created_at, (SELECT max(o.created_at) FROM memos o
                                                   WHERE o.patient_id = m.patient_id AND o.id <> m.id))
      FROM m WHERE c.patient_id = m.patient_id)sql"}; // the other parts see memos as before the UPDATE

} // namespace

void date_memo_back(db::Tx& tx, std::int64_t memo_id, std::int64_t minutes_ago) {
    tx.exec(k_date_back, memo_id, minutes_ago);
}

} // namespace mimamori::repositories
