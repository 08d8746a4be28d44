#include "family/family_space_api.hpp"

namespace mimamori::web::family {
namespace {

api::Call<Json> json_call(const api::Request& request) {
    return api::call<Json>(request, [](const Json& j) { return Result<Json>(j); });
}

std::string space(std::int64_t patient, const std::string& rest) {
    return "patients/" + std::to_string(patient) + "/family/" + rest;
}

} // namespace

api::Call<Json> get_own_keys() { return json_call({"GET", "me/keys"}); }
api::Call<Json> put_own_keys(Json body) { return json_call({"PUT", "me/keys", std::move(body)}); }
api::Call<Json> put_own_wraps(Json body) { return json_call({"PUT", "me/keys/wraps", std::move(body)}); }
api::Call<Json> get_members(std::int64_t patient) { return json_call({"GET", space(patient, "members")}); }
api::Call<Json> get_grants(std::int64_t patient) { return json_call({"GET", space(patient, "keys")}); }
api::Call<Json> start_epoch(std::int64_t patient, Json body) {
    return json_call({"POST", space(patient, "epochs"), std::move(body)});
}
api::Call<Json> share_keys(std::int64_t patient, Json body) {
    return json_call({"POST", space(patient, "keys"), std::move(body)});
}

api::Call<Json> get_memos(std::int64_t patient, std::optional<std::int64_t> before) {
    std::string path = space(patient, "memos?limit=1000");
    if (before) path += "&before=" + std::to_string(*before);
    return json_call({"GET", path});
}

api::Call<Json> post_memo(std::int64_t patient, Json envelope) {
    return json_call({"POST", space(patient, "memos"), std::move(envelope)});
}

api::Call<api::Nothing> react(std::int64_t patient, const std::string& memo_id, const std::string& kind, bool on) {
    const std::string path = space(patient, "memos/" + memo_id + "/reactions");
    if (on) return api::call_for_status({"POST", path, Json{{"kind", kind}}});
    return api::call_for_status({"DELETE", path + "/" + kind});
}

api::Call<Json> get_verifications(std::int64_t patient) { return json_call({"GET", space(patient, "verifications")}); }
api::Call<Json> post_verification(std::int64_t patient, Json record) {
    return json_call({"POST", space(patient, "verifications"), std::move(record)});
}

} // namespace mimamori::web::family
