#include "vocabulary_text.hpp"

#include <vector>

#include "i18n/i18n.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

// Plans are the API's words; their names here follow the seed's fee table.
constexpr Label kPlans[] = {
    {"network_and_sns", "医療ネットワーク＋SNS", "Medical network + SNS"},
    {"network_only", "医療ネットワークのみ", "Medical network only"},
    {"sns_only", "SNSのみ", "SNS only"},
};

// The API's words for a patient (server/migrations/0005_patients_teams.sql).
constexpr Label kPatientStatuses[] = {
    {"at_home", "在宅", "At home"},
    {"admitted", "入院中", "In hospital"},
    {"in_facility", "施設入所", "In a care facility"},
    {"ended", "終了", "Ended"},
};
constexpr Label kSexes[] = {
    {"female", "女性", "Female"},
    {"male", "男性", "Male"},
    {"other", "その他", "Other"},
    {"unknown", "不明", "Unknown"},
};

template <typename Info>
std::vector<Label> labels_of(std::span<const Info> infos) {
    std::vector<Label> out;
    for (const Info& info : infos) out.push_back(info.label);
    return out;
}

} // namespace

std::span<const Label> profession_labels() {
    static const std::vector<Label> labels = labels_of(professions());
    return labels;
}

std::span<const Label> facility_type_labels() {
    static const std::vector<Label> labels = labels_of(facility_types());
    return labels;
}

std::span<const Label> plan_labels() { return kPlans; }

std::span<const Label> team_role_labels() {
    static const std::vector<Label> labels = labels_of(team_roles());
    return labels;
}

std::span<const Label> patient_status_labels() { return kPatientStatuses; }
std::span<const Label> sex_labels() { return kSexes; }

bool has_code(std::span<const Label> labels, std::string_view code) {
    for (const Label& l : labels) {
        if (l.code == code) return true;
    }
    return false;
}

std::string label_text(std::span<const Label> labels, std::string_view code, Lang lang) {
    for (const Label& l : labels) {
        if (l.code == code) return std::string(l.in(lang));
    }
    return std::string(code);
}

std::string roles_text(Lang lang, const perm::Principal& principal) {
    std::string out;
    for (const perm::Role role : perm::roles(principal)) {
        if (!out.empty()) out += lang == Lang::Ja ? "・" : ", ";
        out += perm::label(role).in(lang);
    }
    return out;
}

std::string account_status_text(Lang lang, std::string_view status) {
    if (status == "invited") return i18n::tr(lang, Msg::StatusInvited);
    if (status == "active") return i18n::tr(lang, Msg::StatusActive);
    if (status == "locked") return i18n::tr(lang, Msg::StatusLocked);
    if (status == "left") return i18n::tr(lang, Msg::StatusLeft);
    return std::string(status);
}

std::string yen(Lang lang, std::int64_t amount) {
    std::string digits = std::to_string(amount < 0 ? -amount : amount);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    if (amount < 0) digits.insert(0, "-");
    return lang == Lang::Ja ? digits + "円" : "JPY " + digits;
}

} // namespace mimamori::web
