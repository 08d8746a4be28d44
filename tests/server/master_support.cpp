#include "master_support.hpp"

namespace mimamori::test {

const char* role_name(Role role) {
    switch (role) {
    case Role::SecretariatAdmin: return "secretariat_admin";
    case Role::SecretariatUser: return "secretariat_user";
    case Role::FacilityManager: return "facility_manager";
    case Role::FacilityUser: return "facility_user";
    case Role::Family: return "family";
    }
    return "?";
}

Region create_region(const TestDatabase& db) {
    Region r;
    r.a = create_facility(db, "あすわ在宅クリニック");
    r.b = create_facility(db, "ほかの訪問看護ステーション");
    r.empty = create_facility(db, "空の事業所");
    auto add = [&](Role role, AccountSpec spec) {
        r.logins[role] = spec.login;
        r.accounts[role] = create_account(db, spec);
    };
    add(Role::SecretariatAdmin, {.login = "admin", .secretariat_role = "secretariat_admin", .profession = "clerk"});
    add(Role::SecretariatUser, {.login = "secretariat", .secretariat_role = "secretariat_user", .profession = "clerk"});
    add(Role::FacilityManager, {.login = "manager", .profession = "doctor", .affiliations = {{r.a, true}}});
    add(Role::FacilityUser, {.login = "user", .affiliations = {{r.a, false}}});
    add(Role::Family, {.login = "family", .kind = "family"});
    r.invitee = create_account(db, {.login = "invitee", .status = "invited", .affiliations = {{r.a, false}}});
    r.representative_b =
        create_account(db, {.login = "rep-b", .status = "invited", .affiliations = {{r.b, true}}});
    return r;
}

std::string master_checksum(const TestDatabase& db) {
    std::string all;
    for (const char* table : {"facilities", "accounts", "affiliations", "invitations", "mail_outbox", "recovery_codes"})
        all += db.query_value(std::string("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ") +
                              table + " t") + ";";
    return all;
}

void MasterTest::SetUp() {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    region = create_region(database());
    admin = sign_in(port(), "admin");
    manager = sign_in(port(), "manager");
}

Json facility_body(const std::string& login) {
    return {{"type", "visiting_nurse"},
            {"name", "みまもり訪問看護ステーション"},
            {"name_kana", "みまもりほうもんかんご"},
            {"postal_code", "9100004"},
            {"address", "福井県福井市宝永3-1-1"},
            {"phone", "0776-22-3333"},
            {"plan", "sns_only"},
            {"representative",
             {{"name", "訪問 花子"}, {"name_kana", "ホウモン ハナコ"}, {"email", "hanako@example.jp"},
              {"login", login}, {"profession", "nurse"}}}};
}

Json staff_body(const std::string& login) {
    return {{"name", "介護 次郎"}, {"name_kana", "カイゴ ジロウ"}, {"email", "jiro@example.jp"},
            {"login", login}, {"profession", "helper"}};
}

} // namespace mimamori::test
