#include "api/master_routes.hpp"

#include "http/auth.hpp"
#include "mimamori/common/japan_time.hpp"
#include "services/services.hpp"

namespace mimamori::api {

perm::Target facility_target(std::int64_t facility_id) {
    perm::Target target;
    target.facility_id = facility_id;
    return target;
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
