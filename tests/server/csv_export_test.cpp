// The CSV files as Excel gets them, byte for byte: the byte order mark, CRLF, RFC 4180 quoting of
// a name with a comma, quotes and a line break, the formula guard, the download headers; Shift_JIS
// (CP932) with '?' for what it cannot hold; read back by common's strict parser.
#include <gtest/gtest.h>

#include <ctime>

#include "master_support.hpp"
#include "mimamori/common/csv.hpp"
#include "mimamori/common/japan_time.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class CsvExport : public MasterTest {
protected:
    // Sets an account's name directly: the API refuses line breaks in names, older data may not.
    void rename(const std::string& login, const std::string& name) {
        std::string quoted;
        for (char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        database().exec("UPDATE accounts SET name = '" + quoted + "' WHERE login = '" + login + "'");
    }
    // The record of `login` (second column) in parsed rows.
    static const csv::Row* row_of(const std::vector<csv::Row>& rows, const std::string& login) {
        for (const auto& r : rows)
            if (r.size() > 1 && r[1] == login) return &r;
        return nullptr;
    }
};

TEST_F(CsvExport, TheStaffListFollowsExcelsConventions) {
    rename("user", "Smith, \"Jr.\"\nsecond line");
    rename("manager", "=HYPERLINK(\"http://evil.example/\",\"x\")");
    auto r = admin.get("/api/v1/staff.csv");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type").value_or(""), "text/csv; charset=utf-8");
    const std::string today = japan_date(static_cast<UnixSeconds>(std::time(nullptr))).to_string();
    EXPECT_EQ(r.header("Content-Disposition").value_or(""),
              "attachment; filename=\"staff-" + today + ".csv\"; filename*=UTF-8''"
              "%E3%82%B9%E3%82%BF%E3%83%83%E3%83%95%E4%B8%80%E8%A6%A7_" + today + ".csv"); // スタッフ一覧_
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");

    const std::string& b = r.body;
    ASSERT_EQ(b.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 byte order mark";
    EXPECT_EQ(b.substr(3, b.find("\r\n") + 2 - 3),
              "ID,ログインID,氏名,フリガナ,職種,メールアドレス,状態,事務局の権限,所属事業所,"
              "代表スタッフ（管理者）の事業所,二要素認証\r\n");
    // RFC 4180: quoted, quotes doubled, the line break kept inside the quotes.
    EXPECT_NE(b.find(",\"Smith, \"\"Jr.\"\"\nsecond line\","), std::string::npos);
    // The formula guard: an apostrophe first, then quoted for its quotes and comma.
    EXPECT_NE(b.find(",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\","), std::string::npos);
    EXPECT_EQ(b.substr(b.size() - 2), "\r\n");
    // Outside quoted fields every line ends with CRLF: the only bare LF is the one in the name.
    std::size_t bare = 0;
    for (std::size_t i = 0; i < b.size(); ++i) bare += b[i] == '\n' && (i == 0 || b[i - 1] != '\r');
    EXPECT_EQ(bare, 1u);

    auto rows = csv::parse(b, {.restore_guarded_fields = true});
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    EXPECT_EQ(rows->size(), 7u) << "header and the six staff accounts";
    for (const auto& row : *rows) EXPECT_EQ(row.size(), 11u);
    ASSERT_TRUE(row_of(*rows, "user"));
    EXPECT_EQ(row_of(*rows, "user")->at(2), "Smith, \"Jr.\"\nsecond line");
    EXPECT_EQ(row_of(*rows, "manager")->at(2), "=HYPERLINK(\"http://evil.example/\",\"x\")");
    EXPECT_EQ(row_of(*rows, "manager")->at(4), "医師");
    EXPECT_EQ(row_of(*rows, "manager")->at(9), "あすわ在宅クリニック");
    EXPECT_EQ(row_of(*rows, "invitee")->at(6), "招待中");
    EXPECT_EQ(row_of(*rows, "admin")->at(7), "事務局 管理者");
    auto guarded = csv::parse(b);
    ASSERT_TRUE(guarded.ok());
    EXPECT_EQ(row_of(*guarded, "manager")->at(2), "'=HYPERLINK(\"http://evil.example/\",\"x\")");
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'export.staff_csv'"), 1);
}

TEST_F(CsvExport, ShiftJisForExcelThatWantsIt) {
    rename("user", "髙橋 𠮷"); // 髙 is in CP932 (an IBM extension), 𠮷 is not
    auto r = admin.get("/api/v1/staff.csv?encoding=shift_jis");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type").value_or(""), "text/csv; charset=Shift_JIS");
    EXPECT_EQ(r.header("X-Unconvertible-Characters").value_or(""), "1");
    EXPECT_EQ(r.body.substr(0, 13), "ID,\x83\x8D\x83\x4F\x83\x43\x83\x93ID") << "no byte order mark; ログイン in CP932";
    EXPECT_NE(r.body.find("\xFB\xFC\x8B\xB4 ?"), std::string::npos) << "髙橋 and a '?' for 𠮷";
    EXPECT_NE(r.body.find("\r\n"), std::string::npos);
    EXPECT_EQ(admin.get("/api/v1/staff.csv?encoding=ebcdic").json()["error"]["field"], "encoding");
}

TEST_F(CsvExport, ThePatientListHasEveryPatientWithTeamAndConsent) {
    auto empty = csv::parse(admin.get("/api/v1/patients.csv").body);
    ASSERT_TRUE(empty.ok());
    ASSERT_EQ(empty->size(), 1u) << "the header alone without patients";

    const auto a = std::to_string(region.a);
    auto insert = [&](const std::string& values) {
        database().exec("INSERT INTO patients (name, name_kana, birth_date, sex, status, facility_id) VALUES (" + values +
                        ", " + a + ")");
    };
    insert("'見守 花子', 'ミマモリ ハナコ', '1940-04-01', 'female', 'at_home'");
    insert("'=SUM(A1), \"侍\"', 'アカサカ タロウ', '1933-12-31', 'male', 'admitted'");
    database().exec("INSERT INTO care_teams (name, patient_id) VALUES ('チーム', 1)");
    database().exec("INSERT INTO team_members (team_id, account_id, facility_id, team_role, starts_on) VALUES "
                    "(1, " + std::to_string(region.accounts.at(Role::FacilityUser)) + ", " + a + ", 'visiting_nurse', " +
                    "(now() AT TIME ZONE 'Asia/Tokyo')::date)");
    database().exec("INSERT INTO consents (patient_id, scope_professional, scope_family, signer_kind, signer_name, method, "
                    "consent_text, consent_text_sha256, signature_strokes, recorded_at) VALUES (1, true, true, 'patient', "
                    "'見守 花子', 'e_signature', 'x', '\\x00', '{}', '2026-04-01T01:30:00Z')");

    auto r = admin.get("/api/v1/patients.csv");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
    auto rows = csv::parse(r.body, {.restore_guarded_fields = true});
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), 3u) << r.body;
    EXPECT_EQ(rows->at(0), (csv::Row{"患者ID", "氏名", "フリガナ", "生年月日", "性別", "状態", "登録事業所",
                                     "チームメンバー数", "同意", "同意記録日時"}));
    // In kana order: アカサカ before ミマモリ.
    EXPECT_EQ(rows->at(1), (csv::Row{"2", "=SUM(A1), \"侍\"", "アカサカ タロウ", "1933-12-31", "男性", "入院中",
                                     "あすわ在宅クリニック", "0", "なし", ""}));
    EXPECT_EQ(rows->at(2), (csv::Row{"1", "見守 花子", "ミマモリ ハナコ", "1940-04-01", "女性", "在宅",
                                     "あすわ在宅クリニック", "1", "同意あり", "2026-04-01 10:30"}));
    EXPECT_NE(r.body.find(",\"'=SUM(A1), \"\"侍\"\"\","), std::string::npos) << "the formula guard";
    // Each patient in the file is an access-log entry naming them.
    EXPECT_EQ(database().count_rows("audit_log WHERE action = 'export.patients_csv' AND patient_id IS NOT NULL"), 2);
    auto sjis = admin.get("/api/v1/patients.csv?encoding=shift_jis");
    EXPECT_EQ(sjis.status, 200);
    EXPECT_EQ(sjis.header("X-Unconvertible-Characters").value_or(""), "0");
}

TEST_F(CsvExport, TheFeeReportChargesTheMonthsUnderContract) {
    const auto id = [](std::int64_t v) { return std::to_string(v); };
    // A: a clinic (medical tier) with the network and the SNS since April 2024: 3000 a month.
    database().exec("UPDATE facilities SET plan = 'network_and_sns', contract_start = '2024-04-01' WHERE id = " + id(region.a));
    // B: a visiting-nurse station (other offices), SNS only, from 15 October 2025: 500 a month.
    database().exec("UPDATE facilities SET type = 'visiting_nurse', plan = 'sns_only', contract_start = '2025-10-15' "
                    "WHERE id = " + id(region.b));
    // E: not yet under contract in 2025.
    database().exec("UPDATE facilities SET contract_start = '2026-01-01' WHERE id = " + id(region.empty));

    auto r = admin.get("/api/v1/reports/fees.csv?year=2025");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Disposition").value_or(""),
              "attachment; filename=\"fees-2025.csv\"; filename*=UTF-8''%E5%88%A9%E7%94%A8%E6%96%99%E9%87%91_2025%E5%B9%B4.csv");
    auto rows = csv::parse(r.body);
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_EQ(rows->size(), 4u) << r.body; // header, A, B, total
    EXPECT_EQ(rows->at(0).at(10), "対象月数");
    const auto& a = rows->at(1); // same kana in the test region: in id order
    const auto& b = rows->at(2);
    EXPECT_EQ(a.at(0), id(region.a));
    EXPECT_EQ(b.at(0), id(region.b));
    EXPECT_EQ(a.at(6), "3000");
    EXPECT_EQ(a.at(10), "12");
    EXPECT_EQ(a.at(11), "36000");
    EXPECT_EQ(b.at(3), "訪問看護ステーション");
    EXPECT_EQ(b.at(6), "500");
    EXPECT_EQ(b.at(10), "3");
    EXPECT_EQ(b.at(11), "1500");
    EXPECT_EQ(rows->at(3).at(1), "合計");
    EXPECT_EQ(rows->at(3).at(11), "37500");

    auto earlier = csv::parse(admin.get("/api/v1/reports/fees.csv?year=2024").body);
    ASSERT_TRUE(earlier.ok());
    ASSERT_EQ(earlier->size(), 3u);
    EXPECT_EQ(earlier->at(1).at(11), "27000") << "April to December 2024";
    EXPECT_EQ(admin.get("/api/v1/reports/fees.csv?year=20x5").json()["error"]["field"], "year");
    EXPECT_EQ(admin.get("/api/v1/reports/fees.csv").json()["error"]["field"], "year");
    EXPECT_EQ(admin.get("/api/v1/reports/fees.csv?year=1800").status, 400);
}

} // namespace
} // namespace mimamori::test
