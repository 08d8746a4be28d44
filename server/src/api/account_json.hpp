#pragma once
// JSON shapes of the signed-in account (the contract's Me) and of a refused new password, shared
// by the sign-in, own-account and invitation routes.

#include <string_view>

#include "http/context.hpp"
#include "http/response.hpp"
#include "mimamori/common/json.hpp"
#include "mimamori/common/password_policy.hpp"
#include "services/signed_in.hpp"

namespace mimamori::api {

// Me = {"account", "roles", "affiliations", "allowed_actions", "csrf_token", "must_change_password",
//       "two_factor": {"enabled", "required"}, "session": {"kiosk", "idle_timeout_seconds"}}.
// allowed_actions: every perm::Action that perm::decide allows for the principal with no target
// or with one of its own facilities as the target.
Json me_json(const services::SignedIn& who);

// {"csrf_token", "me"}: the answer to a sign-in (and to accepting an invitation).
Json signed_in_json(const services::SignedIn& who);

// Signs `account_id` in (a new session in the request's transaction, e.g. after accepting an
// invitation) and answers 200 {"csrf_token", "me"} with the session cookie. Register such a
// route with RouteOptions::never_store_answer.
http::Response start_session(http::RequestContext& ctx, std::int64_t account_id, bool kiosk = false);

// 400 {"error": {"code": "invalid_input", "message", "field", "rule"}} for the first rule that
// `password` breaks, or nullopt when it breaks none.
std::optional<http::Response> password_rule_error(std::string_view field, std::string_view password,
                                                  const password::Context& context);

} // namespace mimamori::api
