#include "services/master_input.hpp"

#include <ctime>

#include "mimamori/common/fees.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/kana.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::services {
namespace {

constexpr std::size_t k_name_chars = 100;
constexpr std::size_t k_address_chars = 200;

std::string codes_of_types() {
    std::string out;
    for (const auto& t : facility_types()) out += (out.empty() ? "" : ", ") + std::string(t.label.code);
    return out;
}

std::string codes_of_professions() {
    std::string out;
    for (const auto& p : professions()) out += (out.empty() ? "" : ", ") + std::string(p.label.code);
    return out;
}

// An optional date field: absent -> `fallback`; null -> none (only when `nullable`).
Result<std::optional<Date>> date_field(const Json& object, std::string_view key, std::optional<Date> fallback) {
    auto it = object.find(key);
    if (it == object.end()) return fallback;
    if (it->is_null()) return std::optional<Date>{};
    if (!it->is_string()) return Error::invalid(std::string(key), std::string(key) + " must be a date YYYY-MM-DD");
    auto date = parse_date(it->get<std::string>(), key);
    if (!date) return date.error();
    return std::optional<Date>{*date};
}

} // namespace

Result<std::string> string_field(const Json& object, std::string_view key, std::string_view prefix) {
    auto value = json::get_string(object, key);
    if (!value) return prefixed(value.error(), prefix);
    return std::move(value).value();
}

Result<std::string> optional_string_field(const Json& object, std::string_view key) {
    auto value = json::get_optional_string(object, key);
    if (!value) return value.error();
    return value->value_or("");
}

Result<std::string> kana_field(std::string_view field, std::string_view value) {
    return validate::kana(field, kana::half_width_to_full_width_katakana(value), k_name_chars);
}

Error prefixed(Error error, std::string_view prefix) {
    if (prefix.empty() || error.field.empty()) return error;
    if (error.message.rfind(error.field, 0) == 0) error.message.insert(0, prefix);
    error.field.insert(0, prefix);
    return error;
}

Result<std::string> postal_code(std::string_view field, std::string_view value) {
    const std::string folded = text::trim(text::fold_fullwidth_ascii(value));
    if (folded.empty()) return std::string();
    std::string digits;
    for (char c : folded) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != '-') digits = "x"; // anything else spoils it
    }
    const bool shape = folded.size() == 7 || (folded.size() == 8 && folded[3] == '-');
    if (digits.size() != 7 || !shape)
        return Error::invalid(std::string(field), std::string(field) + " must be a postal code like 910-0004");
    return digits.substr(0, 3) + "-" + digits.substr(3);
}

repositories::NewStaffAccount invited_account(const PersonInput& p) {
    repositories::NewStaffAccount account;
    account.login = p.login;
    account.name = p.name;
    account.name_kana = p.name_kana;
    account.email = p.email;
    account.profession = p.profession;
    return account;
}

Result<PersonInput> read_person(const Json& object, std::string_view prefix, bool allow_manager) {
    if (!object.is_object()) {
        const std::string field(prefix.substr(0, prefix.empty() ? 0 : prefix.size() - 1)); // without the '.'
        return Error::invalid(field, field + " must be an object");
    }
    auto known = allow_manager ? json::reject_unknown_keys(object, {"name", "name_kana", "email", "login", "profession", "manager"})
                               : json::reject_unknown_keys(object, {"name", "name_kana", "email", "login", "profession"});
    if (!known) return prefixed(known.error(), prefix);

    PersonInput person;
    auto name = string_field(object, "name", prefix);
    if (!name) return name.error();
    auto valid_name = validate::name("name", *name, k_name_chars);
    if (!valid_name) return prefixed(valid_name.error(), prefix);
    person.name = *valid_name;

    auto kana = string_field(object, "name_kana", prefix);
    if (!kana) return kana.error();
    auto valid_kana = kana_field("name_kana", *kana);
    if (!valid_kana) return prefixed(valid_kana.error(), prefix);
    person.name_kana = *valid_kana;

    auto email = string_field(object, "email", prefix);
    if (!email) return email.error();
    auto valid_email = validate::email("email", text::trim(*email));
    if (!valid_email) return prefixed(valid_email.error(), prefix);
    person.email = *valid_email;

    auto login = string_field(object, "login", prefix);
    if (!login) return login.error();
    auto valid_login = validate::login_id("login", text::trim(*login));
    if (!valid_login) return prefixed(valid_login.error(), prefix);
    person.login = *valid_login;

    auto profession = string_field(object, "profession", prefix);
    if (!profession) return profession.error();
    if (!profession_from_code(*profession))
        return prefixed(Error::invalid("profession", "profession must be one of: " + codes_of_professions()), prefix);
    person.profession = *profession;

    if (allow_manager) {
        auto manager = json::get_optional_bool(object, "manager");
        if (!manager) return prefixed(manager.error(), prefix);
        person.manager = manager->value_or(false);
    }
    return person;
}

Result<repositories::FacilityFields> read_facility_fields(const Json& object,
                                                          const repositories::FacilityFields* current,
                                                          std::string_view extra_key) {
    constexpr std::string_view keys[] = {"type",    "name", "name_kana", "postal_code",    "address",
                                         "phone",   "plan", "status",    "contract_start", "contract_end"};
    for (const auto& item : object.items()) {
        bool known = item.key() == extra_key && !extra_key.empty();
        for (auto k : keys) known = known || item.key() == k;
        if (!known) return Error::invalid(item.key(), "unknown field: " + item.key());
    }
    repositories::FacilityFields f;

    auto type = string_field(object, "type", "");
    if (!type) return type.error();
    if (!facility_type_from_code(*type)) return Error::invalid("type", "type must be one of: " + codes_of_types());
    f.type = *type;

    auto name = string_field(object, "name", "");
    if (!name) return name.error();
    auto valid_name = validate::name("name", *name, k_name_chars);
    if (!valid_name) return valid_name.error();
    f.name = *valid_name;

    auto kana = string_field(object, "name_kana", "");
    if (!kana) return kana.error();
    auto valid_kana = kana_field("name_kana", *kana);
    if (!valid_kana) return valid_kana.error();
    f.name_kana = *valid_kana;

    auto postal = optional_string_field(object, "postal_code");
    if (!postal) return postal.error();
    auto valid_postal = postal_code("postal_code", *postal);
    if (!valid_postal) return valid_postal.error();
    f.postal_code = *valid_postal;

    auto address = optional_string_field(object, "address");
    if (!address) return address.error();
    auto valid_address = validate::text("address", *address, k_address_chars, false, true);
    if (!valid_address) return valid_address.error();
    f.address = *valid_address;

    auto phone = optional_string_field(object, "phone");
    if (!phone) return phone.error();
    if (!text::trim(*phone).empty()) {
        auto valid_phone = validate::phone("phone", text::fold_fullwidth_ascii(*phone));
        if (!valid_phone) return valid_phone.error();
        f.phone = *valid_phone;
    }

    auto plan = string_field(object, "plan", "");
    if (!plan) return plan.error();
    if (!fees::plan_from_code(*plan))
        return Error::invalid("plan", "plan must be one of: network_and_sns, network_only, sns_only");
    f.plan = *plan;

    auto status = json::get_optional_string(object, "status");
    if (!status) return status.error();
    f.status = status->value_or(current ? current->status : "active");
    if (f.status != "active" && f.status != "suspended")
        return Error::invalid("status", "status must be active or suspended");

    // A new contract starts today (Japan's date) unless the form says otherwise.
    const Date today = japan_date(static_cast<UnixSeconds>(std::time(nullptr)));
    auto start = date_field(object, "contract_start", current ? current->contract_start : today);
    if (!start) return start.error();
    if (!*start) return Error::invalid("contract_start", "contract_start must be a date YYYY-MM-DD");
    f.contract_start = **start;
    auto end = date_field(object, "contract_end", current ? current->contract_end : std::nullopt);
    if (!end) return end.error();
    f.contract_end = *end;
    if (f.contract_end && *f.contract_end < f.contract_start)
        return Error::invalid("contract_end", "contract_end must not be before contract_start");
    return f;
}

} // namespace mimamori::services
