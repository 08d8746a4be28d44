#pragma once
// The secretariat's CSV files (Excel): the staff list, the patient list and the fee report of a
// year. The text is UTF-8 with a byte order mark, CRLF and RFC 4180 quoting with the formula
// guard (common/csv.hpp); to_cp932() converts it when Shift_JIS is asked for.
//
// Shift_JIS means Windows' CP932 (what Excel on Japanese Windows reads, with NEC and IBM
// extensions such as ① ㈱ 髙). A character CP932 lacks (𠮷, emoji, most accented letters) cannot
// be written: it becomes '?', and the number of such characters is reported, so the export never
// fails because one name is rare; UTF-8 keeps everything.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "mimamori/common/result.hpp"

namespace mimamori::services {

std::string staff_csv(db::Tx& tx);
// Every patient in kana order: id, name, kana, birth date, sex, status, registering facility,
// current team members, consent state and when it was recorded. `listed` receives the patients'
// ids (each is an access-log entry).
std::string patients_csv(db::Tx& tx, std::vector<std::int64_t>& listed);
// Every facility under contract in `year` (1900..2200): months under contract × monthly fee
// (common/fees.hpp), and a total row.
Result<std::string> fee_report_csv(db::Tx& tx, int year);

struct Cp932Text {
    std::string bytes;
    std::size_t replaced = 0; // characters written as '?'
};
// UTF-8 (a leading byte order mark is dropped: CP932 has none) to CP932.
Cp932Text to_cp932(std::string_view utf8);

} // namespace mimamori::services
