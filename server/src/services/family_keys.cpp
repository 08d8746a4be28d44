#include "services/family_keys.hpp"

#include "mimamori/common/family_crypto/member_keys.hpp"
#include "mimamori/common/japan_time.hpp"

namespace mimamori::services {

namespace fc = family_crypto;

namespace {

Error in_field(const Error& e, std::string_view field) {
    Error out = e;
    out.field = e.field.empty() ? std::string(field) : std::string(field) + "." + e.field;
    if (out.code == ErrorCode::InvalidInput) out.message = std::string(field) + ": " + e.message;
    return out;
}

// A wrap from `body[field]` for `account_id`, of `purpose`, naming `keys`.
Result<fc::WrappedKeys> read_wrap(const Json& value, std::string_view field, std::int64_t account_id,
                                  fc::WrapPurpose purpose, const fc::MemberPublicKeys& keys) {
    auto wrap = fc::wrapped_keys_from_json(value);
    if (!wrap) return in_field(wrap.error(), field);
    if (wrap->account_id != account_id)
        return Error::invalid(std::string(field) + ".account_id", "the wrap is for another account");
    if (wrap->purpose != purpose)
        return Error::invalid(std::string(field) + ".purpose",
                              std::string(field) + " must have the purpose \"" + std::string(fc::to_string(purpose)) + "\"");
    if (wrap->public_keys != keys)
        return Error::invalid(std::string(field) + ".public_keys", "the wrap names other public keys than the account's");
    return wrap;
}

OwnKeys load(db::Tx& tx, repositories::MemberKeyRow keys) {
    OwnKeys out{std::move(keys), std::nullopt, std::nullopt};
    for (auto& w : repositories::key_wraps(tx, out.keys))
        (w.purpose == fc::WrapPurpose::Password ? out.password_wrap : out.recovery_wrap) = w;
    return out;
}

Error no_keys() {
    return Error::make(ErrorCode::Conflict, "set up the keys of the family space first (PUT /api/v1/me/keys)");
}

} // namespace

std::optional<OwnKeys> own_keys(db::Tx& tx, std::int64_t account_id) {
    auto keys = repositories::current_member_keys(tx, account_id);
    if (!keys) return std::nullopt;
    return load(tx, std::move(*keys));
}

Result<KeySetup> set_up_keys(db::Tx& tx, std::int64_t account_id, const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"public_keys", "password_wrap", "recovery_wrap", "replace"}); !known)
        return known.error();
    if (!body.contains("public_keys")) return Error::invalid("public_keys", "public_keys is required");
    auto keys = fc::member_public_keys_from_json(body.at("public_keys"));
    if (!keys) return in_field(keys.error(), "public_keys");
    if (!body.contains("password_wrap")) return Error::invalid("password_wrap", "password_wrap is required");
    auto password = read_wrap(body.at("password_wrap"), "password_wrap", account_id, fc::WrapPurpose::Password, *keys);
    if (!password) return password.error();
    std::optional<fc::WrappedKeys> recovery;
    if (body.contains("recovery_wrap") && !body.at("recovery_wrap").is_null()) {
        auto r = read_wrap(body.at("recovery_wrap"), "recovery_wrap", account_id, fc::WrapPurpose::Recovery, *keys);
        if (!r) return r.error();
        recovery = *r;
    }
    auto replace = json::get_optional_bool(body, "replace");
    if (!replace) return replace.error();

    auto existing = repositories::current_member_keys(tx, account_id);
    if (existing && !replace->value_or(false))
        return Error{ErrorCode::Conflict,
                     "this account already has keys: send \"replace\": true to make new ones (the family space's "
                     "keys must then be shared again by another member)",
                     "replace"};
    if (existing && existing->member.keys == *keys)
        return Error::invalid("public_keys", "these are the account's current keys: use PUT /api/v1/me/keys/wraps");
    const std::int64_t key_id = repositories::replace_member_keys(tx, account_id, *keys);
    repositories::put_key_wrap(tx, key_id, *password);
    if (recovery) repositories::put_key_wrap(tx, key_id, *recovery);
    return KeySetup{load(tx, *repositories::current_member_keys(tx, account_id)), existing.has_value()};
}

Result<OwnKeys> rewrap_keys(db::Tx& tx, std::int64_t account_id, const Json& body) {
    if (auto known = json::reject_unknown_keys(body, {"password_wrap", "recovery_wrap"}); !known) return known.error();
    auto current = repositories::current_member_keys(tx, account_id);
    if (!current) return no_keys();
    std::vector<fc::WrappedKeys> wraps;
    for (auto [field, purpose] : {std::pair{"password_wrap", fc::WrapPurpose::Password},
                                  std::pair{"recovery_wrap", fc::WrapPurpose::Recovery}}) {
        if (!body.contains(field) || body.at(field).is_null()) continue;
        auto w = read_wrap(body.at(field), field, account_id, purpose, current->member.keys);
        if (!w) return w.error();
        wraps.push_back(*w);
    }
    if (wraps.empty()) return Error::invalid("password_wrap", "send password_wrap, recovery_wrap or both");
    for (const auto& w : wraps) repositories::put_key_wrap(tx, current->key_id, w);
    return load(tx, std::move(*current));
}

Status store_password_wrap(db::Tx& tx, std::int64_t account_id, const Json& wrap, std::string_view field) {
    auto current = repositories::current_member_keys(tx, account_id);
    if (!current) return no_keys();
    auto w = read_wrap(wrap, field, account_id, fc::WrapPurpose::Password, current->member.keys);
    if (!w) return w.error();
    repositories::put_key_wrap(tx, current->key_id, *w);
    return {};
}

Json to_json(const OwnKeys& k) {
    return Json{{"key_id", k.keys.key_id},
                {"public_keys", fc::to_json(k.keys.member.keys)},
                {"password_wrap", k.password_wrap ? fc::to_json(*k.password_wrap) : Json(nullptr)},
                {"recovery_wrap", k.recovery_wrap ? fc::to_json(*k.recovery_wrap) : Json(nullptr)},
                {"created_at", japan_iso8601(k.keys.created_at)}};
}

} // namespace mimamori::services
