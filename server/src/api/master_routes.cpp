#include "api/master_routes.hpp"

#include <charconv>

#include "http/auth.hpp"
#include "mimamori/common/japan_time.hpp"
#include "services/services.hpp"

namespace mimamori::api {

perm::Target facility_target(std::int64_t facility_id) {
    perm::Target target;
    target.facility_id = facility_id;
    return target;
}

Result<std::optional<std::int64_t>> optional_query_id(const http::Request& request, std::string_view name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) return std::optional<std::int64_t>{};
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (ec != std::errc{} || end != text->data() + text->size() || id <= 0)
        return Error::invalid(std::string(name), std::string(name) + " must be an id (a positive whole number)");
    return std::optional<std::int64_t>{id};
}

Result<std::int64_t> authorized_facility(const http::Request& request, http::RequestContext& ctx, perm::Action action) {
    auto id = http::path_id(request, "id");
    if (!id) return id.error();
    if (auto ok = http::authorize(ctx, action, facility_target(*id), {"facility", std::to_string(*id)}); !ok)
        return ok.error();
    return *id;
}

services::Inviter inviter(http::RequestContext& ctx) {
    auto& s = ctx.services();
    return {s.invitations, s.outbox, http::signed_in(ctx).account.id};
}

http::Response no_content() {
    http::Response r;
    r.status = 204;
    return r;
}

http::Response reinvited(std::int64_t expires_at) {
    return http::Response::json(202, Json{{"expires_at", japan_iso8601(expires_at)}});
}

} // namespace mimamori::api
