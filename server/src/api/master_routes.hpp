#pragma once
// What the master-maintenance routes (facilities, staff, invitations, outbox, CSV) share.

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "mimamori/common/permissions.hpp"
#include "services/invitations.hpp"

namespace mimamori::api {

inline constexpr http::RouteOptions k_signed_in{.requires_session = true};

perm::Target facility_target(std::int64_t facility_id);

// The optional query parameter `name` as an id: none when absent or empty, InvalidInput naming it
// when it is not a positive whole number.
Result<std::optional<std::int64_t>> optional_query_id(const http::Request& request, std::string_view name);

// The facility id of the path ("id"), once `action` on that facility is allowed (http::authorize:
// 403 and a "denied" access-log entry otherwise).
Result<std::int64_t> authorized_facility(const http::Request& request, http::RequestContext& ctx, perm::Action action);

// The signed-in account sending invitations, with the server's link settings and outbox.
services::Inviter inviter(http::RequestContext& ctx);

http::Response no_content();
// 202 {"expires_at"}: a new invitation link was sent (再依頼).
http::Response reinvited(std::int64_t expires_at);

} // namespace mimamori::api
