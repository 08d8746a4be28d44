#include "services/exports.hpp"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

#include "mimamori/common/csv.hpp"
#include "mimamori/common/fees.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/vocabulary.hpp"
#include "repositories/facility_repository.hpp"
#include "repositories/patient_repository.hpp"
#include "repositories/staff_repository.hpp"
#include "services/patient_access.hpp"

namespace mimamori::services {
namespace {

std::string status_label(std::string_view status) {
    if (status == "invited") return "招待中";
    if (status == "active") return "利用中";
    if (status == "locked") return "ロック中";
    if (status == "left") return "所属なし";
    return std::string(status);
}

std::string profession_label(std::string_view code) {
    auto p = profession_from_code(code);
    return p ? std::string(label(*p).ja) : std::string(code);
}

std::string sex_label(std::string_view sex) {
    if (sex == "female") return "女性";
    if (sex == "male") return "男性";
    if (sex == "other") return "その他";
    return "不明";
}

std::string patient_status_label(std::string_view status) {
    if (status == "at_home") return "在宅";
    if (status == "admitted") return "入院中";
    if (status == "in_facility") return "施設入所中";
    if (status == "ended") return "終了";
    return std::string(status);
}

std::string secretariat_label(const std::optional<std::string>& role) {
    if (!role) return "";
    return *role == "secretariat_admin" ? "事務局 管理者" : "事務局 利用者";
}

} // namespace

std::string staff_csv(db::Tx& tx) {
    csv::Writer out;
    out.row({"ID", "ログインID", "氏名", "フリガナ", "職種", "メールアドレス", "状態", "事務局の権限", "所属事業所",
             "代表スタッフ（管理者）の事業所", "二要素認証"});
    repositories::StaffFilter everyone;
    everyone.everyone = true;
    for (const auto& s : repositories::list_staff(tx, everyone)) {
        std::string facilities, managed;
        for (const auto& a : s.affiliations) {
            facilities += (facilities.empty() ? "" : "、") + a.facility_name;
            if (a.manager) managed += (managed.empty() ? "" : "、") + a.facility_name;
        }
        out.row({std::to_string(s.id), s.login, s.name, s.name_kana, profession_label(s.profession), s.email,
                 status_label(s.status), secretariat_label(s.secretariat_role), facilities, managed,
                 s.two_factor_enabled ? "有効" : "無効"});
    }
    return out.take();
}

std::string patients_csv(db::Tx& tx, std::vector<std::int64_t>& listed) {
    csv::Writer out;
    out.row({"患者ID", "氏名", "フリガナ", "生年月日", "性別", "状態", "登録事業所", "チームメンバー数", "同意",
             "同意記録日時"});
    repositories::PatientFilter everyone;
    everyone.today = japan_today();
    everyone.everyone = true;
    for (const auto& p : repositories::list_patients(tx, everyone)) {
        const auto& c = p.consent;
        listed.push_back(p.id);
        out.row({std::to_string(p.id), p.fields.name, p.fields.name_kana, p.fields.birth_date.to_string(),
                 sex_label(p.fields.sex), patient_status_label(p.fields.status), p.facility_name,
                 std::to_string(p.member_count), !c.id ? "なし" : c.withdrawn ? "撤回" : "同意あり",
                 c.id ? japan_iso8601(c.recorded_at).substr(0, 16).replace(10, 1, " ") : ""});
    }
    return out.take();
}

Result<std::string> fee_report_csv(db::Tx& tx, int year) {
    if (year < 1900 || year > 2200) return Error::invalid("year", "year must be a year such as 2025");
    csv::Writer out;
    out.row({"事業所ID", "事業所名", "フリガナ", "種別", "料金区分", "契約プラン", "月額（円）", "契約開始日",
             "契約終了日", "状態", "対象月数", "年額（円）"});
    std::int64_t total = 0;
    for (const auto& f : repositories::list_facilities(tx, {})) {
        const auto type = facility_type_from_code(f.fields.type);
        const auto plan = fees::plan_from_code(f.fields.plan);
        if (!type || !plan) continue; // the schema's codes are ours: cannot happen
        const int months = fees::months_under_contract(year, f.fields.contract_start, f.fields.contract_end);
        if (months == 0) continue;
        const std::int64_t monthly = fees::monthly_fee_yen(*type, *plan);
        total += months * monthly;
        out.row({std::to_string(f.id), f.fields.name, f.fields.name_kana, std::string(label(*type).ja),
                 std::string(fees::label(info(*type).fee_tier).ja), std::string(fees::label(*plan).ja),
                 std::to_string(monthly), f.fields.contract_start.to_string(),
                 f.fields.contract_end ? f.fields.contract_end->to_string() : "",
                 f.fields.status == "active" ? "利用中" : "休止中", std::to_string(months),
                 std::to_string(months * monthly)});
    }
    out.row({"", "合計", "", "", "", "", "", "", "", "", "", std::to_string(total)});
    return out.take();
}

Cp932Text to_cp932(std::string_view utf8) {
    if (utf8.substr(0, 3) == "\xEF\xBB\xBF") utf8.remove_prefix(3);
    iconv_t cd = ::iconv_open("CP932", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv cannot convert UTF-8 to CP932");
    Cp932Text out;
    out.bytes.resize(utf8.size() + 16); // CP932 never takes more bytes than UTF-8 (2 for 2..3)
    char* in = const_cast<char*>(utf8.data()); // iconv's signature; it does not write the input
    std::size_t in_left = utf8.size();
    char* dst = out.bytes.data();
    std::size_t dst_left = out.bytes.size();
    while (in_left > 0) {
        if (::iconv(cd, &in, &in_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) { // cannot happen (see above); grow anyway rather than lose text
            const std::size_t used = out.bytes.size() - dst_left;
            out.bytes.resize(out.bytes.size() * 2);
            dst = out.bytes.data() + used;
            dst_left = out.bytes.size() - used;
            continue;
        }
        // EILSEQ (no CP932 form) or EINVAL (a cut sequence at the end): one '?' for the character.
        std::size_t pos = 0;
        text::next_code_point(std::string_view(in, in_left), pos);
        in += pos;
        in_left -= pos;
        if (dst_left == 0) {
            const std::size_t used = out.bytes.size();
            out.bytes.resize(used * 2);
            dst = out.bytes.data() + used;
            dst_left = out.bytes.size() - used;
        }
        *dst++ = '?';
        --dst_left;
        ++out.replaced;
    }
    ::iconv_close(cd);
    out.bytes.resize(out.bytes.size() - dst_left);
    return out;
}

} // namespace mimamori::services
