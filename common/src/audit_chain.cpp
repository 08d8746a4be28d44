#include "mimamori/common/audit_chain.hpp"

#include <cassert>
#include <cstdio>

#include "mimamori/common/date.hpp"

namespace mimamori::audit {
namespace {

constexpr std::string_view format_tag = "mimamori.audit.v1";
constexpr std::uint32_t null_length = 0xFFFFFFFFu;
constexpr std::int64_t us_per_second = 1'000'000;
constexpr std::int64_t us_per_day = 86'400 * us_per_second;

void append_length(std::string& out, std::uint32_t length) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((length >> shift) & 0xFFu);
}

void append_field(std::string& out, std::string_view value) {
    // An entry field of 4 GiB cannot occur: the database and the request limits are far smaller.
    assert(value.size() < null_length);
    append_length(out, static_cast<std::uint32_t>(value.size()));
    out += value;
}

void append_field(std::string& out, const std::optional<std::int64_t>& value) {
    if (value) append_field(out, std::to_string(*value));
    else append_length(out, null_length);
}

// Floor division and its non-negative remainder, for times before 1970.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0 && a < 0) ? 1 : 0); }

} // namespace

std::string format_time(std::int64_t time_us) {
    const std::int64_t days = floor_div(time_us, us_per_day);
    const std::int64_t in_day = time_us - days * us_per_day;
    const std::int64_t seconds = in_day / us_per_second;
    char clock[32];
    std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d.%06dZ", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60),
                  static_cast<int>(in_day % us_per_second));
    return Date::from_days_since_epoch(days).to_string() + clock;
}

Result<std::int64_t> parse_time(std::string_view text, std::string_view field) {
    const auto bad = [&] {
        return Error::invalid(std::string(field),
                              std::string(field) + " must be a UTC time as YYYY-MM-DDTHH:MM:SS.ffffffZ");
    };
    // 0123456789012345678901234567
    // 2026-11-25T23:31:27.123456Z
    if (text.size() != 27 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' ||
        text[26] != 'Z')
        return bad();
    auto date = parse_date(text.substr(0, 10), field);
    if (!date) return date.error();
    const auto number = [&](std::size_t from, std::size_t n, std::int64_t& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    std::int64_t hh = 0, mm = 0, ss = 0, us = 0;
    if (!number(11, 2, hh) || !number(14, 2, mm) || !number(17, 2, ss) || !number(20, 6, us)) return bad();
    if (hh > 23 || mm > 59 || ss > 59) return bad(); // a leap second is not a time the server writes
    return date->days_since_epoch() * us_per_day + ((hh * 60 + mm) * 60 + ss) * us_per_second + us;
}

std::string canonical(const Entry& entry) {
    std::string out;
    out.reserve(256);
    append_field(out, format_tag);
    append_field(out, std::to_string(entry.sequence));
    append_field(out, format_time(entry.time_us));
    append_field(out, entry.actor_account_id);
    append_field(out, entry.actor_login);
    append_field(out, entry.action);
    append_field(out, entry.target_type);
    append_field(out, entry.target_id);
    append_field(out, entry.patient_id);
    append_field(out, entry.client_address);
    append_field(out, entry.result);
    append_field(out, json::dump(entry.detail));
    return out;
}

const Hash& genesis_hash() {
    static const Hash genesis = crypto::sha256(as_bytes("mimamori.audit.genesis.v1"));
    return genesis;
}

Hash chain_hash(const Hash& previous, const Entry& entry) {
    crypto::Sha256 h;
    h.update(previous);
    h.update(as_bytes(canonical(entry)));
    return h.finish();
}

ChainVerifier::ChainVerifier(const Hash& previous, std::optional<std::int64_t> previous_sequence)
    : m_previous(previous), m_previous_sequence(previous_sequence) {}

bool ChainVerifier::add(const StoredEntry& stored) {
    if (m_break) return false;
    const std::int64_t sequence = stored.entry.sequence;
    const std::string where = "entry " + std::to_string(sequence) + " (number " + std::to_string(m_count + 1) +
                              " checked)";
    if (m_previous_sequence && sequence <= *m_previous_sequence) {
        m_break = Break{m_count, sequence, Break::Reason::SequenceNotIncreasing,
                        where + " does not come after entry " + std::to_string(*m_previous_sequence) +
                            ": the log is out of order or an entry was duplicated"};
        return false;
    }
    const Hash expected = chain_hash(m_previous, stored.entry);
    if (!crypto::constant_time_equal(expected, stored.hash)) {
        m_break = Break{m_count, sequence, Break::Reason::HashMismatch,
                        where + " does not match its hash: it was changed, or an entry just before it was "
                                "changed, removed or inserted"};
        return false;
    }
    m_previous = stored.hash;
    m_previous_sequence = sequence;
    ++m_count;
    return true;
}

std::optional<Break> verify(std::span<const StoredEntry> entries, const Hash& previous) {
    ChainVerifier verifier(previous);
    for (const StoredEntry& stored : entries)
        if (!verifier.add(stored)) break;
    return verifier.first_break();
}

} // namespace mimamori::audit
