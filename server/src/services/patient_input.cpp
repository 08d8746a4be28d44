#include "services/patient_input.hpp"

#include "mimamori/common/text.hpp"
#include "mimamori/common/validation.hpp"
#include "repositories/facility_repository.hpp"
#include "services/master_input.hpp"

namespace mimamori::services {
namespace {

constexpr std::size_t k_name_chars = 100;
constexpr std::size_t k_address_chars = 200;
constexpr std::size_t k_relation_chars = 50;

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
    for (auto a : allowed)
        if (value == a) return true;
    return false;
}

// An optional phone number: "" stays "", full-width digits are folded.
Result<std::string> optional_phone(std::string_view field, const std::string& value) {
    if (text::trim(value).empty()) return std::string();
    return validate::phone(field, text::fold_fullwidth_ascii(value));
}

Status read_key_person(const Json& body, repositories::PatientFields& f) {
    auto it = body.find("key_person");
    if (it == body.end() || it->is_null()) return {};
    if (!it->is_object()) return Error::invalid("key_person", "key_person must be an object {name, relation, phone}");
    if (auto known = json::reject_unknown_keys(*it, {"name", "relation", "phone"}); !known)
        return prefixed(known.error(), "key_person.");
    auto name = optional_string_field(*it, "name");
    if (!name) return prefixed(name.error(), "key_person.");
    auto valid_name = validate::text("key_person.name", *name, k_name_chars, false, true);
    if (!valid_name) return valid_name.error();
    auto relation = optional_string_field(*it, "relation");
    if (!relation) return prefixed(relation.error(), "key_person.");
    auto valid_relation = validate::text("key_person.relation", *relation, k_relation_chars, false, true);
    if (!valid_relation) return valid_relation.error();
    auto phone = optional_string_field(*it, "phone");
    if (!phone) return prefixed(phone.error(), "key_person.");
    auto valid_phone = optional_phone("key_person.phone", *phone);
    if (!valid_phone) return valid_phone.error();
    f.key_person_name = text::trim(*valid_name);
    f.key_person_relation = text::trim(*valid_relation);
    f.key_person_phone = *valid_phone;
    return {};
}

Status read_birth_date(const Json& body, const Date& today, repositories::PatientFields& f) {
    auto text = string_field(body, "birth_date", "");
    if (!text) return text.error();
    auto date = parse_date(*text, "birth_date");
    if (!date) return Error::invalid("birth_date", "birth_date must be a date YYYY-MM-DD");
    if (today < *date) return Error::invalid("birth_date", "birth_date must not be in the future");
    f.birth_date = *date;
    return {};
}

} // namespace

Result<std::int64_t> form_facility_id(const Json& body) {
    auto id = json::get_int(body, "facility_id");
    if (!id) return Error::invalid("facility_id", "facility_id is required: the registering facility");
    if (*id <= 0) return Error::invalid("facility_id", "facility_id must be a facility id");
    return *id;
}

Result<PatientForm> read_patient_form(db::Tx& tx, const Json& body, const repositories::PatientFields* current,
                                      const Date& today) {
    constexpr std::string_view keys[] = {"name",    "name_kana",  "birth_date",  "sex",    "postal_code",
                                         "address", "phone",      "key_person",  "facility_id", "status"};
    for (const auto& item : body.items()) {
        bool known = !current && item.key() == "allow_duplicate";
        for (auto k : keys) known = known || item.key() == k;
        if (!known) return Error::invalid(item.key(), "unknown field: " + item.key());
    }
    PatientForm form;
    auto& f = form.fields;

    auto name = string_field(body, "name", "");
    if (!name) return name.error();
    auto valid_name = validate::name("name", *name, k_name_chars);
    if (!valid_name) return valid_name.error();
    f.name = *valid_name;

    auto kana = json::get_string(body, "name_kana");
    if (!kana) return Error::invalid("name_kana", "name_kana is required: the name in katakana (フリガナ)");
    auto valid_kana = kana_field("name_kana", *kana);
    if (!valid_kana) return valid_kana.error();
    f.name_kana = *valid_kana;

    if (auto born = read_birth_date(body, today, f); !born) return born.error();

    auto sex = string_field(body, "sex", "");
    if (!sex) return sex.error();
    if (!one_of(*sex, {"female", "male", "other", "unknown"}))
        return Error::invalid("sex", "sex must be female, male, other or unknown");
    f.sex = *sex;

    auto postal = optional_string_field(body, "postal_code");
    if (!postal) return postal.error();
    auto valid_postal = postal_code("postal_code", *postal);
    if (!valid_postal) return valid_postal.error();
    f.postal_code = *valid_postal;

    auto address = optional_string_field(body, "address");
    if (!address) return address.error();
    auto valid_address = validate::text("address", *address, k_address_chars, false, true);
    if (!valid_address) return valid_address.error();
    f.address = text::trim(*valid_address);

    auto phone = optional_string_field(body, "phone");
    if (!phone) return phone.error();
    auto valid_phone = optional_phone("phone", *phone);
    if (!valid_phone) return valid_phone.error();
    f.phone = *valid_phone;

    if (auto key_person = read_key_person(body, f); !key_person) return key_person.error();

    auto facility = form_facility_id(body);
    if (!facility) return facility.error();
    if (!repositories::find_facility(tx, *facility))
        return Error::invalid("facility_id", "facility_id names no facility of the region");
    f.facility_id = *facility;

    auto status = json::get_optional_string(body, "status");
    if (!status) return status.error();
    f.status = status->value_or(current ? current->status : "at_home");
    if (!one_of(f.status, {"at_home", "admitted", "in_facility", "ended"}))
        return Error::invalid("status", "status must be at_home, admitted, in_facility or ended");

    if (!current) {
        auto allow = json::get_optional_bool(body, "allow_duplicate");
        if (!allow) return allow.error();
        form.allow_duplicate = allow->value_or(false);
    }
    return form;
}

} // namespace mimamori::services
