#pragma once
// The one SQL spelling of "a current member of a care team" (migration 0005), shared by the
// repositories that judge access. A membership counts on the Japan date passed as $1 while
//   - it has not been left or ended by removal (left_at),
//   - its period holds that date (starts_on <= $1 <= ends_on, an open end when NULL), so a
//     period ends by itself at the end of its last day with no job running, and
//   - the member is still affiliated with the facility they act for: 所属解除 ends team access.
// Every statement that uses it takes the Japan date as its first parameter.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// `m`: the alias of team_members in the statement ("m").
#define MIMAMORI_ACTIVE_MEMBER(m)                                                                        \
    "(" m ".left_at IS NULL AND " m ".starts_on <= $1::date AND (" m ".ends_on IS NULL OR " m            \
    ".ends_on >= $1::date) AND EXISTS (SELECT 1 FROM affiliations maf WHERE maf.account_id = " m        \
    ".account_id AND maf.facility_id = " m ".facility_id AND maf.ended_at IS NULL))"

namespace mimamori::repositories {

// The ids of string_agg(id::text, ',') ("" for none): libpqxx 6 reads no arrays.
inline std::vector<std::int64_t> id_list(std::string_view text) {
    std::vector<std::int64_t> ids;
    std::int64_t n = 0;
    bool digits = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
            digits = true;
        } else if (digits) {
            ids.push_back(n);
            n = 0;
            digits = false;
        }
    }
    if (digits) ids.push_back(n);
    return ids;
}

// An id list as a PostgreSQL array literal ("{1,2}") for a $n::bigint[] parameter.
inline std::string array_literal(const std::vector<std::int64_t>& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "}";
}

} // namespace mimamori::repositories
