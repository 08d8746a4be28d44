#pragma once
// Builders for the fee-rule tests: records and reads at Japan times.

#include "mimamori/common/fee_rules.hpp"

namespace fee_test {

using namespace mimamori;

// A moment in Japan time.
inline UnixSeconds at(int y, int m, int d, int hour = 10, int minute = 0) {
    return japan_midnight(Date{y, m, d}) + hour * 3600 + minute * 60;
}

inline fee::Record record(fee::Id memo_id, fee::Id writer, Profession profession, fee::Id facility, MemoKind kind,
                          UnixSeconds written_at) {
    fee::Record r;
    r.memo_id = memo_id;
    r.writer_id = writer;
    r.writer_profession = profession;
    r.facility_id = facility;
    r.kind = kind;
    r.written_at = written_at;
    r.has_text = true;
    return r;
}

} // namespace fee_test
