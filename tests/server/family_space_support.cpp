#include "family_space_support.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "mimamori/common/family_crypto/memo_content.hpp"

namespace mimamori::test {

std::string family_path(std::int64_t patient, const std::string& rest) {
    return "/api/v1/patients/" + std::to_string(patient) + "/family/" + rest;
}

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

fc::Member member_of(std::int64_t account_id, const Json& keys) {
    auto parsed = fc::member_public_keys_from_json(keys.at("public_keys"));
    EXPECT_TRUE(parsed.ok());
    return fc::Member{account_id, parsed.ok() ? *parsed : fc::MemberPublicKeys{}};
}

} // namespace

FamilyClient::FamilyClient(Session session, std::int64_t patient, std::string password)
    : m_session(std::move(session)), m_patient(patient), m_password(std::move(password)) {
    m_identity.account_id = m_session.me["account"]["id"].get<std::int64_t>();
}

HttpResponse FamilyClient::set_up_keys(const std::optional<std::string>& recovery_code, bool replace) {
    m_identity.keys = fc::generate_member_keys();
    auto wrap = fc::wrap_member_keys(m_identity, m_password, fc::KdfParams::for_tests());
    EXPECT_TRUE(wrap.ok());
    Json body = {{"public_keys", fc::to_json(m_identity.keys.public_keys)}, {"password_wrap", fc::to_json(*wrap)}};
    if (recovery_code) {
        auto r = fc::wrap_member_keys_for_recovery(m_identity, *recovery_code, fc::KdfParams::for_tests());
        EXPECT_TRUE(r.ok());
        body["recovery_wrap"] = fc::to_json(*r);
    }
    if (replace) body["replace"] = true;
    return m_session.request("PUT", "/api/v1/me/keys", body);
}

Result<fc::MemberIdentity> FamilyClient::unwrap_own_keys(const std::string& password) const {
    auto r = m_session.get("/api/v1/me/keys");
    EXPECT_EQ(r.status, 200) << r.body;
    auto wrap = fc::wrapped_keys_from_json(r.json()["keys"]["password_wrap"]);
    if (!wrap) return wrap.error();
    return fc::unwrap_member_keys(*wrap, password, m_identity.account_id);
}

Json FamilyClient::members() const {
    auto r = m_session.get(family_path(m_patient, "members"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json() : Json::object();
}

fc::MemberDirectory FamilyClient::directory(bool earlier) const {
    fc::MemberDirectory d;
    for (const auto& m : members().value("members", Json::array())) {
        const auto id = m["account_id"].get<std::int64_t>();
        if (earlier) {
            for (const auto& k : m["earlier_keys"]) EXPECT_TRUE(d.add(member_of(id, k)).ok());
        } else if (!m["keys"].is_null()) {
            EXPECT_TRUE(d.add(member_of(id, m["keys"])).ok());
        }
    }
    return d;
}

std::vector<fc::Member> FamilyClient::keyed_current_members() const {
    std::vector<fc::Member> out;
    for (const auto& m : members().value("members", Json::array()))
        if (m["current"].get<bool>() && !m["keys"].is_null()) out.push_back(member_of(m["account_id"], m["keys"]));
    return out;
}

fc::EpochKeyring FamilyClient::keyring() const {
    fc::EpochKeyring ring(m_patient);
    auto r = m_session.get(family_path(m_patient, "keys"));
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return ring;
    // Grants may be sealed by former members: their keys are in the directory too.
    fc::MemberDirectory dir = directory();
    const Json grants = r.json()["grants"];
    for (const auto& g : grants) {
        auto grant = fc::sealed_epoch_key_from_json(g);
        EXPECT_TRUE(grant.ok()) << g.dump();
        if (!grant) continue;
        auto key = fc::open_epoch_key(*grant, m_patient, m_identity, dir);
        EXPECT_TRUE(key.ok()) << (key.ok() ? "" : key.error().message);
        if (key) {
            EXPECT_TRUE(ring.add(std::move(*key)).ok());
        }
    }
    return ring;
}

HttpResponse FamilyClient::start_epoch(fc::Epoch epoch, std::optional<std::vector<fc::Member>> recipients) {
    const auto members = recipients ? *recipients : keyed_current_members();
    const fc::EpochKey key = fc::new_epoch_key(m_patient, epoch);
    auto grants = fc::seal_epoch_key_to_members(key, members, m_identity);
    EXPECT_TRUE(grants.ok());
    Json list = Json::array();
    for (const auto& g : *grants) list.push_back(fc::to_json(g));
    return m_session.request("POST", family_path(m_patient, "epochs"), Json{{"epoch", epoch}, {"grants", list}});
}

Json FamilyClient::seal(const std::string& text, std::int64_t time_ms) const {
    const fc::EpochKeyring ring = keyring();
    EXPECT_NE(ring.current(), nullptr) << "no epoch key held";
    if (!ring.current()) return Json::object();
    fc::FamilyMemoContent content;
    content.text = text;
    auto envelope = fc::seal_memo_content(*ring.current(), m_identity, fc::new_client_id(),
                                          time_ms ? time_ms : now_ms(), content);
    EXPECT_TRUE(envelope.ok());
    return fc::to_json(*envelope);
}

HttpResponse FamilyClient::post(const Json& envelope) {
    return m_session.request("POST", family_path(m_patient, "memos"), envelope);
}

std::vector<std::string> FamilyClient::read_texts() const {
    const fc::EpochKeyring ring = keyring();
    // The key set that signed each memo, by key id (current and earlier ones).
    std::map<std::int64_t, fc::Member> by_key;
    for (const auto& m : members().value("members", Json::array())) {
        if (!m["keys"].is_null()) by_key.emplace(m["keys"]["key_id"], member_of(m["account_id"], m["keys"]));
        for (const auto& k : m["earlier_keys"]) by_key.emplace(k["key_id"], member_of(m["account_id"], k));
    }
    auto r = m_session.get(family_path(m_patient, "memos"));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const Json memos = r.status == 200 ? r.json()["memos"] : Json::array();
    for (auto it = memos.rbegin(); it != memos.rend(); ++it) {
        fc::MemberDirectory dir;
        if (auto k = by_key.find((*it)["author_key_id"]); k != by_key.end()) {
            EXPECT_TRUE(dir.add(k->second).ok());
        }
        fc::MemoOpener opener(ring, dir);
        auto opened = opener.open_json((*it)["envelope"]);
        if (!opened.ok()) {
            out.push_back("<" + std::string(fc::to_string(opened.status())) + ">");
            continue;
        }
        auto content = fc::decode_memo_content(opened.value().plaintext);
        out.push_back(content ? content->text : "<content>");
    }
    return out;
}

} // namespace mimamori::test
