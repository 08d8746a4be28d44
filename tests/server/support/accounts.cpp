#include "support/accounts.hpp"

#include <gtest/gtest.h>

#include <ctime>

#include <pqxx/pqxx>

#include "mimamori/common/encoding.hpp"
#include "mimamori/common/totp.hpp"
#include "services/passwords.hpp"

namespace mimamori::test {
namespace {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// Runs an INSERT ... RETURNING id and commits it (TestDatabase::query_value does not commit).
std::string insert_returning(const TestDatabase& db, const std::string& sql) {
    pqxx::connection c(db.url());
    pqxx::work tx(c);
    std::string id = tx.exec1(sql)[0].as<std::string>();
    tx.commit();
    return id;
}

const services::PasswordHasher& hasher() {
    static const services::PasswordHasher h("minimum");
    return h;
}

} // namespace

std::int64_t create_account(const TestDatabase& db, const AccountSpec& spec) {
    bool staff = spec.kind == "staff";
    std::string id = insert_returning(db, 
        "INSERT INTO accounts (kind, login, name, name_kana, email, profession, secretariat_role, status, "
        "password_hash, must_change_password) VALUES (" +
        quote(spec.kind) + ", " + quote(spec.login) + ", 'テスト 太郎', 'テスト タロウ', " + quote(spec.login + "@example.jp") +
        ", " + (staff ? quote(spec.profession) : "NULL") + ", " +
        (spec.secretariat_role ? quote(*spec.secretariat_role) : "NULL") + ", " + quote(spec.status) + ", " +
        quote(hasher().hash(spec.password)) + ", " + (spec.must_change_password ? "true" : "false") + ") RETURNING id");
    for (const auto& [facility, manager] : spec.affiliations)
        db.exec("INSERT INTO affiliations (account_id, facility_id, manager) VALUES (" + id + ", " +
                std::to_string(facility) + ", " + (manager ? "true" : "false") + ")");
    return std::stoll(id);
}

std::int64_t create_facility(const TestDatabase& db, const std::string& name, bool require_two_factor) {
    return std::stoll(insert_returning(db, "INSERT INTO facilities (type, name, name_kana, plan, require_two_factor) VALUES "
                                     "('clinic', " + quote(name) + ", 'テスト', 'network_only', " +
                                     (require_two_factor ? "true" : "false") + ") RETURNING id"));
}

HttpResponse Session::request(const std::string& method, const std::string& target, const Json& body,
                              HeaderList headers) const {
    headers.emplace_back("Cookie", "mimamori_session=" + cookie);
    if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE")
        headers.emplace_back("X-CSRF-Token", csrf_token);
    std::string text;
    if (!body.is_null()) {
        headers.emplace_back("Content-Type", "application/json");
        text = body.dump();
    }
    return http_request(port, method, target, headers, text);
}

HttpResponse sign_in_request(std::uint16_t port, const std::string& login, const std::string& password,
                             const Json& extra) {
    Json body = extra;
    body["login"] = login;
    body["password"] = password;
    return http_request(port, "POST", "/api/v1/session", {{"Content-Type", "application/json"}}, body.dump());
}

Session sign_in(std::uint16_t port, const std::string& login, const std::string& password, const Json& extra) {
    auto r = sign_in_request(port, login, password, extra);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return {};
    Json body = r.json();
    return Session{port, r.cookie("mimamori_session").value_or(""), body.value("csrf_token", ""), body["me"]};
}

std::string totp_now(const std::string& secret_base32, int offset_steps) {
    auto secret = encoding::base32_decode(secret_base32);
    if (!secret) return "";
    return totp::totp(*secret, static_cast<std::int64_t>(std::time(nullptr)) + offset_steps * totp::step_seconds);
}

} // namespace mimamori::test
