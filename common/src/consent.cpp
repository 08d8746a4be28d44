#include "mimamori/common/consent.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"

namespace mimamori::consent {
namespace {

// Version 2026-04. Never edit a published text: add a version after it.
constexpr std::string_view k_text_2026_04 =
    "みまもり 情報共有に関する同意書\n"
    "\n"
    "私（または代理人である私）は、在宅医療・介護の連携ネットワーク「みまもり」において、次のとおり"
    "私の医療・介護に関する情報が共有されることに同意します。\n"
    "\n"
    "1. 共有する相手\n"
    "私のケアチームに参加する医療機関、訪問看護ステーション、薬局、居宅介護支援事業所、訪問介護事業所"
    "などの職員（医師、歯科医師、看護師、薬剤師、ケアマネジャー、ヘルパーなど）に限ります。\n"
    "\n"
    "2. 共有する情報\n"
    "病状、治療やケアの方針、処方、訪問の予定、写真や文書などのファイル、人生の最終段階における"
    "医療・ケアについての希望、急変時の対応方針。\n"
    "\n"
    "3. 目的\n"
    "自宅での療養を安全に続けるため、関係者が情報を確かめ合い、連携して診療とケアを行うことに限ります。"
    "入院するときなど必要な場合には、入院先の医療機関に情報を提供することがあります。\n"
    "\n"
    "4. 家族の参加（同意した場合のみ）\n"
    "家族など私が指定した人が、専門職の記録とは別の「家族の連絡帳」で、ケアチームと連絡を取り合う"
    "ことができます。家族の連絡帳には、カルテの情報や検査結果は表示されません。\n"
    "\n"
    "5. 安全管理\n"
    "情報は厚生労働省「医療情報システムの安全管理に関するガイドライン」に沿って管理され、"
    "誰がいつ閲覧したかが記録されます。\n"
    "\n"
    "6. 同意の撤回\n"
    "この同意はいつでも撤回できます。撤回すると、ケアチームは新しい情報を共有できなくなります。"
    "撤回しても、私の診療やケアに不利益が生じることはありません。\n";

constexpr std::array k_texts = {
    ConsentText{"2026-04", k_text_2026_04},
};

// How far outside the canvas a point may lie: a finger that slides off the edge keeps drawing.
constexpr double k_margin = 0.25;

Error invalid(std::string_view field, std::string_view key, const std::string& message) {
    std::string name(field);
    if (!key.empty()) name += "." + std::string(key);
    return Error::invalid(name, name + " " + message);
}

Result<double> dimension(const Json& value, std::string_view field, std::string_view key) {
    auto it = value.find(key);
    if (it == value.end() || !it->is_number()) return invalid(field, key, "is required: the canvas size in pixels");
    const double d = it->get<double>();
    if (!std::isfinite(d) || d < 1 || d > max_canvas) return invalid(field, key, "must be between 1 and 10000");
    return d;
}

// A number as the SVG path writes it: one decimal, without a trailing ".0".
std::string number(double d) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", d);
    std::string s = buffer;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    return s;
}

} // namespace

std::span<const ConsentText> texts() { return k_texts; }

const ConsentText& current_text() { return k_texts.back(); }

std::optional<std::string_view> text_of(std::string_view version) {
    for (const auto& t : k_texts)
        if (t.version == version) return t.text;
    return std::nullopt;
}

std::string sha256_hex(std::string_view text) { return encoding::hex_encode(crypto::sha256(as_bytes(text))); }

Result<Signature> read_signature(const Json& value, std::string_view field) {
    if (!value.is_object()) return invalid(field, "", "is required: the signature drawn on the tablet");
    for (const auto& item : value.items())
        if (item.key() != "strokes" && item.key() != "width" && item.key() != "height")
            return invalid(field, item.key(), "is not a field of a signature");
    Signature s;
    auto width = dimension(value, field, "width");
    if (!width) return width.error();
    auto height = dimension(value, field, "height");
    if (!height) return height.error();
    s.width = *width;
    s.height = *height;

    auto strokes = value.find("strokes");
    if (strokes == value.end() || !strokes->is_array())
        return invalid(field, "strokes", "is required: a list of strokes, each a list of [x, y] points");
    if (strokes->size() > max_strokes) return invalid(field, "strokes", "has more than 500 strokes");
    std::size_t points = 0;
    bool drawn = false;
    for (const auto& stroke : *strokes) {
        if (!stroke.is_array()) return invalid(field, "strokes", "must hold lists of [x, y] points");
        std::vector<Point>& out = s.strokes.emplace_back();
        for (const auto& p : stroke) {
            if (++points > max_points) return invalid(field, "strokes", "has more than 50000 points");
            if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
                return invalid(field, "strokes", "must hold points as [x, y] numbers");
            const double x = p[0].get<double>(), y = p[1].get<double>();
            if (!std::isfinite(x) || !std::isfinite(y) || x < -k_margin * s.width || x > (1 + k_margin) * s.width ||
                y < -k_margin * s.height || y > (1 + k_margin) * s.height)
                return invalid(field, "strokes", "has a point outside the canvas");
            out.push_back({x, y});
        }
        drawn = drawn || out.size() >= 2;
    }
    if (!drawn) return invalid(field, "strokes", "is empty: the signer signs with a finger or a pen");
    return s;
}

Json to_json(const Signature& s) {
    Json strokes = Json::array();
    for (const auto& stroke : s.strokes) {
        Json points = Json::array();
        for (const auto& p : stroke) points.push_back(Json::array({p.x, p.y}));
        strokes.push_back(std::move(points));
    }
    return {{"strokes", std::move(strokes)}, {"width", s.width}, {"height", s.height}};
}

std::string to_svg(const Signature& s) {
    std::string path;
    for (const auto& stroke : s.strokes) {
        if (stroke.empty()) continue;
        path += (path.empty() ? "M" : " M") + number(stroke[0].x) + " " + number(stroke[0].y);
        if (stroke.size() == 1) path += " l0 0"; // a dot: the round cap draws it
        for (std::size_t i = 1; i < stroke.size(); ++i) path += " L" + number(stroke[i].x) + " " + number(stroke[i].y);
    }
    const std::string w = number(s.width), h = number(s.height);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w +
           " " + h + "\"><path d=\"" + path +
           "\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\" stroke-linecap=\"round\" "
           "stroke-linejoin=\"round\"/></svg>";
}

} // namespace mimamori::consent
