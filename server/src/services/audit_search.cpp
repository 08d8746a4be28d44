#include "services/audit_search.hpp"

#include <charconv>

#include "mimamori/common/date.hpp"
#include "repositories/audit_repository.hpp"

namespace mimamori::services {
namespace {

constexpr std::int64_t k_default_limit = 100;
constexpr std::int64_t k_max_limit = 500;

Result<std::optional<std::int64_t>> whole(const std::optional<std::string>& text, std::string_view field,
                                          std::int64_t min, std::int64_t max) {
    if (!text || text->empty()) return std::optional<std::int64_t>{};
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || end != text->data() + text->size() || n < min || n > max)
        return Error::invalid(std::string(field), std::string(field) + " must be a whole number from " +
                                                      std::to_string(min) + " to " + std::to_string(max));
    return std::optional<std::int64_t>(n);
}

// The start of a Japan-time day as a timestamptz literal, `days_later` days after `text`.
Result<std::optional<std::string>> day_start(const std::optional<std::string>& text, std::string_view field,
                                             int days_later) {
    if (!text || text->empty()) return std::optional<std::string>{};
    auto date = parse_date(*text, field);
    if (!date) return date.error();
    return std::optional<std::string>(date->add_days(days_later).to_string() + " 00:00:00+09");
}

Result<std::optional<std::string>> word(const std::optional<std::string>& text, std::string_view field) {
    if (!text || text->empty()) return std::optional<std::string>{};
    if (text->size() > 100) return Error::invalid(std::string(field), std::string(field) + " is too long");
    return text;
}

} // namespace

Result<AuditPage> search_audit(db::Tx& tx, const AuditQuery& q) {
    repositories::AuditFilter f;
    auto from = day_start(q.from, "from", 0);
    if (!from) return from.error();
    auto to = day_start(q.to, "to", 1);
    if (!to) return to.error();
    auto patient = whole(q.patient_id, "patient_id", 1, INT64_MAX);
    if (!patient) return patient.error();
    auto before = whole(q.before_id, "before_id", 1, INT64_MAX);
    if (!before) return before.error();
    auto limit = whole(q.limit, "limit", 1, k_max_limit);
    if (!limit) return limit.error();
    auto action = word(q.action, "action");
    if (!action) return action.error();
    auto result = word(q.result, "result");
    if (!result) return result.error();
    auto actor = word(q.actor, "actor");
    if (!actor) return actor.error();
    if (*actor) {
        auto id = whole(*actor, "actor", 1, INT64_MAX);
        if (id) f.actor_account_id = *id;
        else f.actor_login = **actor;
    }
    f.from = *from;
    f.to = *to;
    f.patient_id = *patient;
    f.before_id = *before;
    f.action = *action;
    f.result = *result;
    f.limit = limit->value_or(k_default_limit);

    AuditPage page;
    page.entries = repositories::search_audit(tx, f);
    if (static_cast<std::int64_t>(page.entries.size()) == f.limit) page.next_before_id = page.entries.back().entry.sequence;
    return page;
}

} // namespace mimamori::services
