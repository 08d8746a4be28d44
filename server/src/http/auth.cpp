#include "http/auth.hpp"

#include <cassert>
#include <charconv>

namespace mimamori::http {

Status authorize(RequestContext& context, perm::Action action, const perm::Target& target, const AuditTarget& what) {
    const auto* auth = context.auth();
    if (!auth) return Error::make(ErrorCode::Unauthenticated, "sign in first");
    auto decision = perm::decide(auth->principal, action, target);
    if (decision) return {};
    std::string reason(decision.reason);
    context.audit({.action = std::string(perm::to_string(action)),
                   .target_type = what.type,
                   .target_id = what.id,
                   .patient_id = target.patient_id,
                   .result = "denied",
                   .detail = {{"reason", reason}}});
    return Error::make(ErrorCode::Forbidden, "not allowed: " + reason);
}

const services::SignedIn& signed_in(const RequestContext& context) {
    assert(context.auth() && "signed_in() on a route without requires_session");
    return *context.auth();
}

Result<std::int64_t> path_id(const Request& request, std::string_view name) {
    auto text = request.path_param(name).value_or("");
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || id <= 0)
        return Error::invalid(std::string(name), std::string(name) + " must be a positive whole number");
    return id;
}

} // namespace mimamori::http
