#include "mimamori/common/memo.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "mimamori/common/mentions.hpp"
#include "mimamori/common/validation.hpp"

namespace mimamori {
namespace {

using enum FieldRule;

constexpr std::array kKinds = {
    MemoKindInfo{MemoKind::VisitRecord, {"visit_record", "訪問記録", "Visit record"}, Required, false},
    MemoKindInfo{MemoKind::Instruction, {"instruction", "指示", "Instruction"}, Required, true},
    MemoKindInfo{MemoKind::NoChange, {"no_change", "変化なし", "No change"}, Optional, false},
    MemoKindInfo{MemoKind::AcpWishes, {"acp_wishes", "人生の最終段階の希望（ACP）", "End-of-life wishes (ACP)"}, Optional, false},
    MemoKindInfo{MemoKind::EmergencyPolicy, {"emergency_policy", "急変時の対応方針", "Emergency response policy"}, Optional, false},
    MemoKindInfo{MemoKind::MonthlyResidentRecord, {"monthly_resident_record", "入所者の月次記録", "Monthly resident record"}, Required, false},
};

constexpr std::array kFields = {
    MemoFieldInfo{MemoField::NextVisitDate, {"next_visit_date", "次回訪問予定日", "Next visit date"}},
    MemoFieldInfo{MemoField::PolicyChanged, {"policy_changed", "治療方針の変更", "Treatment policy changed"}},
    MemoFieldInfo{MemoField::PolicyChangeSummary, {"policy_change_summary", "治療方針の変更の概要", "What changed in the policy"}},
    MemoFieldInfo{MemoField::CarePoints, {"care_points", "医療・ケアを行う際の留意点", "Points of care to share"}},
    MemoFieldInfo{MemoField::AcpWishes, {"acp_wishes", "人生の最終段階における医療・ケアの希望", "End-of-life care wishes (ACP)"}},
    MemoFieldInfo{MemoField::EmergencyPolicy, {"emergency_policy", "急変時の対応方針", "Emergency response policy"}},
};

// The table of memo.hpp, one row per kind in MemoKind order, one column per MemoField.
constexpr std::array<std::array<FieldRule, 6>, 6> kRules = {{
    /* visit_record */ {Optional, Optional, WhenPolicyChanged, Optional, Optional, Optional},
    /* instruction  */ {Refused, Refused, Refused, Refused, Refused, Refused},
    /* no_change    */ {Optional, AlwaysFalse, Refused, Refused, Refused, Refused},
    /* acp_wishes   */ {Refused, Refused, Refused, Refused, Required, Refused},
    /* emergency    */ {Refused, Refused, Refused, Refused, Refused, Required},
    /* monthly      */ {Refused, Refused, Refused, Optional, Optional, Required},
}};

constexpr std::size_t index(auto e) { return static_cast<std::size_t>(e); }

std::string field_name(MemoField f) { return std::string(label(f).code); }

Error invalid(const std::string& field, const std::string& message) { return Error::invalid(field, field + " " + message); }

// The member that holds a structured text field (const or not, as `f` is).
template <typename Fields>
auto text_field(Fields& f, MemoField which) -> decltype(&f.care_points) {
    switch (which) {
    case MemoField::PolicyChangeSummary: return &f.policy_change_summary;
    case MemoField::CarePoints: return &f.care_points;
    case MemoField::AcpWishes: return &f.acp_wishes;
    case MemoField::EmergencyPolicy: return &f.emergency_policy;
    default: return nullptr;
    }
}

constexpr std::array kTextFields = {MemoField::PolicyChangeSummary, MemoField::CarePoints, MemoField::AcpWishes,
                                    MemoField::EmergencyPolicy};

Status check_attachments(const std::vector<std::string>& ids) {
    if (ids.size() > max_memo_attachments)
        return invalid("attachments", "may hold at most " + std::to_string(max_memo_attachments) + " files");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::string name = "attachments[" + std::to_string(i) + "]";
        const auto& id = ids[i];
        const bool chars_ok = std::all_of(id.begin(), id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        if (id.empty() || id.size() > max_upload_id_chars || !chars_ok) return invalid(name, "is not an upload id");
        if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), id) != ids.begin() + static_cast<std::ptrdiff_t>(i))
            return invalid(name, "repeats an attachment");
    }
    return {};
}

// Every rule of the table that a single field can break: refused on this kind, required and absent.
Status check_field_rules(const MemoDraft& d) {
    const std::string kind = std::string(label(d.kind).code);
    for (const auto& f : kFields) {
        const std::string name = std::string(f.label.code);
        const bool present = d.fields.has(f.value);
        switch (field_rule(d.kind, f.value)) {
        case Refused:
            if (present) return invalid(name, "is not allowed on a memo of kind " + kind);
            break;
        case Required:
            if (!present) return invalid(name, "is required on a memo of kind " + kind);
            break;
        case WhenPolicyChanged:
            if (d.fields.policy_changed == true && !present)
                return invalid(name, "is required when policy_changed is true");
            if (d.fields.policy_changed != true && present)
                return invalid(name, "is allowed only when policy_changed is true");
            break;
        case AlwaysFalse:
            if (d.fields.policy_changed == true)
                return invalid(name, "must be false on a memo of kind " + kind + " (post a visit_record for a change)");
            break;
        case Optional: break;
        }
    }
    return {};
}

Status check_next_visit_date(const std::optional<Date>& date, const MemoParseOptions& options) {
    if (!date || !options.today) return {};
    const Date earliest = options.today->add_days(-30);
    const Date latest = options.today->add_days(366);
    if (*date < earliest || *date > latest)
        return invalid("next_visit_date", "must be between " + earliest.to_string() + " and " + latest.to_string());
    return {};
}

void append_unique(std::vector<std::string>& into, std::vector<std::string> more) {
    for (auto& id : more)
        if (std::find(into.begin(), into.end(), id) == into.end()) into.push_back(std::move(id));
}

Result<std::optional<std::string>> optional_text(const Json& object, MemoField field) {
    return json::get_optional_string(object, label(field).code);
}

} // namespace

std::span<const MemoKindInfo> memo_kinds() { return kKinds; }
std::span<const MemoFieldInfo> memo_fields() { return kFields; }

const MemoKindInfo& info(MemoKind kind) {
    assert(index(kind) < kKinds.size() && kKinds[index(kind)].value == kind);
    return kKinds[index(kind)];
}
const Label& label(MemoKind kind) { return info(kind).label; }
const Label& label(MemoField field) {
    assert(index(field) < kFields.size() && kFields[index(field)].value == field);
    return kFields[index(field)].label;
}

std::optional<MemoKind> memo_kind_from_code(std::string_view code) {
    for (const auto& k : kKinds)
        if (k.label.code == code) return k.value;
    return std::nullopt;
}

FieldRule field_rule(MemoKind kind, MemoField field) { return kRules[index(kind)][index(field)]; }

bool MemoFields::has(MemoField field) const {
    switch (field) {
    case MemoField::NextVisitDate: return next_visit_date.has_value();
    case MemoField::PolicyChanged: return policy_changed.has_value();
    case MemoField::PolicyChangeSummary: return policy_change_summary.has_value();
    case MemoField::CarePoints: return care_points.has_value();
    case MemoField::AcpWishes: return acp_wishes.has_value();
    case MemoField::EmergencyPolicy: return emergency_policy.has_value();
    }
    return false;
}

Result<MemoDraft> normalise(MemoDraft d, const MemoParseOptions& options) {
    const bool text_required = info(d.kind).text == Required;
    auto text = validate::text("text", d.text, max_memo_text_chars, /*multiline=*/true, /*allow_empty=*/!text_required);
    if (!text) return text.error();
    d.text = std::move(*text);
    if (d.kind == MemoKind::NoChange) {
        if (d.text.empty()) d.text = no_change_default_text;
        if (!d.fields.policy_changed) d.fields.policy_changed = false;
    }
    if (auto s = check_field_rules(d); !s) return s.error();
    for (MemoField f : kTextFields) {
        auto& value = *text_field(d.fields, f);
        if (!value) continue;
        auto checked = validate::text(field_name(f), *value, max_memo_field_chars, /*multiline=*/true, /*allow_empty=*/true);
        if (!checked) return checked.error();
        if (checked->empty()) return invalid(field_name(f), "must not be empty (leave it out or send null)");
        value = std::move(*checked);
    }
    if (auto s = check_next_visit_date(d.fields.next_visit_date, options); !s) return s.error();
    if (auto s = check_attachments(d.attachments); !s) return s.error();
    d.mentions = mentions::login_ids(d.text);
    for (MemoField f : kTextFields)
        if (const auto& value = *text_field(d.fields, f)) append_unique(d.mentions, mentions::login_ids(*value));
    return d;
}

Result<MemoDraft> memo_from_json(const Json& object, const MemoParseOptions& options) {
    if (!object.is_object()) return Error::make(ErrorCode::InvalidInput, "a memo must be a JSON object");
    if (auto s = json::reject_unknown_keys(object, {"kind", "text", "next_visit_date", "policy_changed",
                                                    "policy_change_summary", "care_points", "acp_wishes",
                                                    "emergency_policy", "attachments"});
        !s)
        return s.error();
    auto kind_code = json::get_string(object, "kind");
    if (!kind_code) return kind_code.error();
    const auto kind = memo_kind_from_code(*kind_code);
    if (!kind) {
        std::string codes;
        for (const auto& k : kKinds) codes += (codes.empty() ? "" : ", ") + std::string(k.label.code);
        return invalid("kind", "must be one of " + codes);
    }
    MemoDraft d;
    d.kind = *kind;
    auto text = json::get_optional_string(object, "text");
    if (!text) return text.error();
    d.text = text->value_or("");

    auto date = json::get_optional_string(object, "next_visit_date");
    if (!date) return date.error();
    if (*date) {
        auto parsed = parse_date(**date, "next_visit_date");
        if (!parsed) return parsed.error();
        d.fields.next_visit_date = *parsed;
    }
    auto changed = json::get_optional_bool(object, "policy_changed");
    if (!changed) return changed.error();
    d.fields.policy_changed = *changed;
    for (MemoField f : kTextFields) {
        auto value = optional_text(object, f);
        if (!value) return value.error();
        *text_field(d.fields, f) = std::move(*value);
    }

    if (auto it = object.find("attachments"); it != object.end() && !it->is_null()) {
        if (!it->is_array()) return invalid("attachments", "must be an array of upload ids");
        if (it->size() > max_memo_attachments) // before copying a huge array
            return invalid("attachments", "may hold at most " + std::to_string(max_memo_attachments) + " files");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Json& id = (*it)[i];
            if (!id.is_string()) return invalid("attachments[" + std::to_string(i) + "]", "must be a string");
            d.attachments.push_back(id.get<std::string>());
        }
    }
    return normalise(std::move(d), options);
}

Result<MemoDraft> parse_memo(std::string_view body, const MemoParseOptions& options) {
    auto object = json::parse_object(body);
    if (!object) return object.error();
    return memo_from_json(*object, options);
}

Json to_json(const MemoDraft& d) {
    Json out = Json::object();
    out["kind"] = std::string(label(d.kind).code);
    out["text"] = d.text;
    if (d.fields.next_visit_date) out["next_visit_date"] = d.fields.next_visit_date->to_string();
    if (d.fields.policy_changed) out["policy_changed"] = *d.fields.policy_changed;
    for (MemoField f : kTextFields)
        if (const auto& value = *text_field(d.fields, f)) out[field_name(f)] = *value;
    if (!d.attachments.empty()) out["attachments"] = d.attachments;
    return out;
}

std::vector<MemoField> record_gaps(MemoKind kind, const MemoFields& fields) {
    std::vector<MemoField> gaps;
    if (kind != MemoKind::VisitRecord && kind != MemoKind::NoChange) return gaps;
    if (!fields.next_visit_date) gaps.push_back(MemoField::NextVisitDate);
    // A no_change memo says the policy did not change, whether or not the field was stored.
    if (kind == MemoKind::VisitRecord && !fields.policy_changed) gaps.push_back(MemoField::PolicyChanged);
    if (fields.policy_changed == true && !fields.policy_change_summary) gaps.push_back(MemoField::PolicyChangeSummary);
    return gaps;
}

} // namespace mimamori
