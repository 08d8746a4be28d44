// The end-to-end encrypted family space through the API (issue 6; DESIGN.md §5): members exchange
// envelopes made by common/'s family_crypto (the browser's code); outsiders are refused; wrong
// shapes, stale epochs and replays into another space store nothing; removing a member forces a
// new epoch the removed member gets no key of; neither a full dump of the database nor the
// server's log holds a memo's text; lost passwords are restored by the recovery code or by
// another member re-sharing the space's keys.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "care_support.hpp"
#include "event_support.hpp"
#include "family_space_support.hpp"
#include "log.hpp"
#include "mimamori/common/base64url.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/family_crypto/fingerprint.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

class FamilySpace : public ServerTest {
protected:
    void SetUp() override {
        ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
        care = create_care_region(database());
        insert_consent(database(), care.patient, /*family=*/true);
        family = std::make_unique<FamilyClient>(sign_in(port(), "family"), care.patient);
        nurse = std::make_unique<FamilyClient>(sign_in(port(), "station-nurse"), care.patient);
        user = std::make_unique<FamilyClient>(sign_in(port(), "user"), care.patient);
    }
    // Keys for the three members and epoch 1 started by the nurse.
    void open_space() {
        for (auto* m : {family.get(), nurse.get(), user.get()}) ASSERT_EQ(m->set_up_keys().status, 201);
        auto r = nurse->start_epoch(1);
        ASSERT_EQ(r.status, 201) << r.body;
    }
    std::string memos() const { return family_path(care.patient, "memos"); }
    // Row counts of the family space's tables: a refused request changes none.
    std::string counts() const {
        std::string out;
        for (const char* t : {"family_member_keys", "family_key_wraps", "family_space_epochs", "family_epoch_grants",
                              "family_memos", "family_memo_reactions", "family_key_verifications"})
            out += std::string(t) + "=" + std::to_string(database().count_rows(t)) + " ";
        return out;
    }
    CareRegion care;
    std::unique_ptr<FamilyClient> family, nurse, user;
};

TEST_F(FamilySpace, AFamilyMemberAndANurseExchangeMemos) {
    open_space();
    ASSERT_EQ(family->post_text("母は今朝おかゆを半分食べました").status, 201);
    ASSERT_EQ(nurse->post_text("ありがとうございます。明日伺います").status, 201);
    const std::vector<std::string> expected = {"母は今朝おかゆを半分食べました", "ありがとうございます。明日伺います"};
    EXPECT_EQ(nurse->read_texts(), expected);
    EXPECT_EQ(family->read_texts(), expected);
    EXPECT_EQ(user->read_texts(), expected);

    const Json space = family->members();
    EXPECT_EQ(space["space"]["current_epoch"], 1);
    EXPECT_EQ(space["space"]["needs_rotation"], false);
    ASSERT_EQ(space["members"].size(), 3u);
    EXPECT_EQ(space["members"][0]["kind"], "family") << "the family first";
    EXPECT_EQ(space["members"][0]["relation"], "長女");
    EXPECT_EQ(space["members"][1]["profession"], "nurse");
    EXPECT_EQ(space["members"][2]["epochs"], Json::array({1}));

    // One-tap reactions: added once, listed, taken back.
    auto list = family->session().get(memos()).json()["memos"];
    const std::string nurse_memo = list[0]["envelope"]["memo_id"];
    const std::string path = memos() + "/" + nurse_memo + "/reactions";
    EXPECT_EQ(family->session().request("POST", path, Json{{"kind", "thanks"}}).status, 201);
    EXPECT_EQ(family->session().request("POST", path, Json{{"kind", "thanks"}}).status, 200);
    EXPECT_EQ(family->session().request("POST", path, Json{{"kind", "like"}}).status, 400);
    EXPECT_EQ(family->session().request("POST", memos() + "/no-such-memo/reactions", Json{{"kind", "seen"}}).status, 404);
    list = nurse->session().get(memos()).json()["memos"];
    EXPECT_EQ(list[0]["reactions"], Json::array({Json{{"account_id", family->account_id()}, {"kind", "thanks"}}}));
    EXPECT_EQ(family->session().request("DELETE", path + "/thanks").status, 204);
    EXPECT_TRUE(nurse->session().get(memos()).json()["memos"][0]["reactions"].empty());

    // Pages, newest first.
    auto page = nurse->session().get(memos() + "?limit=1");
    ASSERT_EQ(page.status, 200);
    ASSERT_EQ(page.json()["memos"].size(), 1u);
    auto older = nurse->session().get(memos() + "?limit=1&before=" + page.json()["next_before"].dump());
    EXPECT_EQ(older.json()["memos"][0]["seq"].get<std::int64_t>() + 1, page.json()["memos"][0]["seq"].get<std::int64_t>());
    EXPECT_EQ(nurse->session().get(memos() + "?limit=0").status, 400);
    EXPECT_EQ(nurse->session().get(memos() + "?before=x").status, 400);
}

TEST_F(FamilySpace, NonMembersAndOtherFamiliesAreRefused) {
    open_space();
    ASSERT_EQ(nurse->post_text("見守りメモ").status, 201);
    const Json envelope = family->seal("ほかの人には見えない");
    // Another patient's family, with its own family consent.
    const auto other_family = create_account(database(), {.login = "other-family", .kind = "family"});
    database().exec("UPDATE accounts SET family_patient_id = " + std::to_string(care.other_patient) + " WHERE id = " +
                    std::to_string(other_family));
    insert_consent(database(), care.other_patient, true);
    const std::string before = counts();
    for (const char* login : {"outsider", "pharmacist", "manager", "admin", "secretariat", "other-family"}) {
        SCOPED_TRACE(login);
        const Session s = sign_in(port(), login);
        for (const char* what : {"members", "memos", "keys", "verifications"})
            EXPECT_EQ(s.get(family_path(care.patient, what)).status, 403) << what;
        EXPECT_EQ(s.request("POST", memos(), envelope).status, 403);
        EXPECT_EQ(s.request("POST", family_path(care.patient, "epochs"), Json{{"epoch", 2}, {"grants", Json::array()}}).status, 403);
    }
    EXPECT_EQ(counts(), before);
    // The other family reads its own (empty) space, not ours.
    EXPECT_EQ(sign_in(port(), "other-family").get(family_path(care.other_patient, "members")).status, 200);

    // Consent for professionals only: no family space, not even for the team.
    database().exec("UPDATE consents SET scope_family = false WHERE patient_id = " + std::to_string(care.patient));
    EXPECT_EQ(nurse->session().get(memos()).status, 403);
    EXPECT_EQ(family->session().get(memos()).status, 403);
    // Withdrawn consent: read-only.
    database().exec("UPDATE consents SET scope_family = true, withdrawn_at = now() WHERE patient_id = " +
                    std::to_string(care.patient));
    EXPECT_EQ(family->session().get(memos()).status, 200);
    EXPECT_EQ(family->members()["space"]["locked"], true);
    EXPECT_EQ(family->post(envelope).status, 403);
    EXPECT_EQ(counts(), before);
}

TEST_F(FamilySpace, BadKeysAndEnvelopesStoreNothing) {
    // Keys of the wrong length, wraps of another account or naming other keys.
    family->set_up_keys();
    database().exec("DELETE FROM family_member_keys");
    const std::string empty = counts();
    Json body = {{"public_keys", fc::to_json(family->identity().keys.public_keys)},
                 {"password_wrap", fc::to_json(*fc::wrap_member_keys(family->identity(), k_password, fc::KdfParams::for_tests()))}};
    Json short_key = body;
    short_key["public_keys"]["x25519"] = encoding::base64url_encode(Bytes(31, 7));
    auto r = family->session().request("PUT", "/api/v1/me/keys", short_key);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json()["error"]["field"], "public_keys.x25519") << r.body;
    Json foreign = body;
    foreign["password_wrap"] = fc::to_json(*fc::wrap_member_keys(
        fc::MemberIdentity{nurse->account_id(), family->identity().keys.clone()}, k_password, fc::KdfParams::for_tests()));
    EXPECT_EQ(family->session().request("PUT", "/api/v1/me/keys", foreign).json()["error"]["field"], "password_wrap.account_id");
    Json other_keys = body;
    other_keys["public_keys"] = fc::to_json(fc::generate_member_keys().public_keys);
    EXPECT_EQ(family->session().request("PUT", "/api/v1/me/keys", other_keys).json()["error"]["field"],
              "password_wrap.public_keys");
    Json recovery_as_password = body;
    recovery_as_password["password_wrap"] =
        fc::to_json(*fc::wrap_member_keys_for_recovery(family->identity(), fc::new_recovery_key_code(), fc::KdfParams::for_tests()));
    EXPECT_EQ(family->session().request("PUT", "/api/v1/me/keys", recovery_as_password).status, 400);
    EXPECT_EQ(counts(), empty);
    ASSERT_EQ(family->session().request("PUT", "/api/v1/me/keys", body).status, 201);
    EXPECT_EQ(family->session().request("PUT", "/api/v1/me/keys", body).status, 409) << "replace must be asked for";

    // A memo before any epoch exists.
    ASSERT_EQ(nurse->set_up_keys().status, 201);
    ASSERT_EQ(user->set_up_keys().status, 201);
    ASSERT_EQ(nurse->start_epoch(1).status, 201);
    const Json good = family->seal("正しいメモ");
    const std::string before = counts();
    auto refused = [&](Json envelope, int status, const std::string& field) {
        auto answer = family->post(envelope);
        EXPECT_EQ(answer.status, status) << answer.body;
        EXPECT_EQ(answer.json()["error"]["field"], field) << answer.body;
        EXPECT_EQ(counts(), before);
    };
    Json truncated = good;
    truncated["ciphertext"] = encoding::base64url_encode(Bytes(15, 1));
    refused(truncated, 400, "ciphertext");
    Json cut_base64 = good;
    cut_base64["ciphertext"] = good["ciphertext"].get<std::string>().substr(0, 5);
    refused(cut_base64, 400, "ciphertext");
    Json short_nonce = good;
    short_nonce["nonce"] = encoding::base64url_encode(Bytes(23, 1));
    refused(short_nonce, 400, "nonce");
    Json extra = good;
    extra["plaintext"] = "x";
    EXPECT_EQ(family->post(extra).status, 400);
    // Replayed into another space: the URL's patient is the envelope's space.
    insert_consent(database(), care.other_patient, true);
    auto r2 = family->session().request("POST", family_path(care.other_patient, "memos"), good);
    EXPECT_EQ(r2.status, 403) << "not a member of the other space";
    Json moved = good;
    moved["space_id"] = care.other_patient;
    refused(moved, 400, "space_id");
    // Another author, an altered signature, a time far away.
    Json as_nurse = good;
    as_nurse["author_account_id"] = nurse->account_id();
    refused(as_nurse, 400, "author_account_id");
    Json forged = good;
    auto sig = *encoding::base64url_decode(good["signature"].get<std::string>());
    sig[0] ^= 1;
    forged["signature"] = encoding::base64url_encode(sig);
    refused(forged, 400, "signature");
    refused(family->seal("昨日より前", now_ms() - 3LL * 24 * 3600 * 1000), 400, "time_ms");
    // A stale epoch: the nurse has started epoch 2 meanwhile.
    ASSERT_EQ(nurse->start_epoch(2).status, 201);
    const std::string after_rotation = counts();
    auto stale = family->post(good);
    EXPECT_EQ(stale.status, 409);
    EXPECT_EQ(stale.json()["error"]["field"], "epoch");
    EXPECT_EQ(counts(), after_rotation);
    // The same memo twice.
    const Json fresh = family->seal("一度だけ");
    EXPECT_EQ(family->post(fresh).status, 201);
    EXPECT_EQ(family->post(fresh).json()["error"]["field"], "memo_id");
}

TEST_F(FamilySpace, RemovingAMemberForcesANewEpochTheyGetNoKeyOf) {
    open_space();
    ASSERT_EQ(family->post_text("三人で読むメモ").status, 201);
    const fc::EpochKeyring removed_ring = nurse->keyring();
    ASSERT_NE(removed_ring.find(1), nullptr);
    // The station's nurse leaves the team (the team's own route).
    auto left = nurse->session().request("POST", path("/api/v1/teams/", care.team, "/leave"));
    ASSERT_EQ(left.status, 204) << left.body;
    EXPECT_EQ(nurse->session().get(memos()).status, 403);
    EXPECT_EQ(family->members()["space"]["needs_rotation"], true);
    const std::string before = counts();
    auto blocked = family->post_text("まだ古い鍵で");
    EXPECT_EQ(blocked.status, 409) << blocked.body;
    EXPECT_EQ(blocked.json()["error"]["field"], "epoch");
    // The next epoch cannot include the removed member, nor leave a member out.
    std::vector<fc::Member> with_removed = family->keyed_current_members();
    with_removed.push_back(nurse->identity().as_member());
    auto r = user->start_epoch(2, with_removed);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.json()["error"]["field"].get<std::string>().find("recipient_account_id"), std::string::npos) << r.body;
    auto missing = user->start_epoch(2, std::vector<fc::Member>{user->identity().as_member()});
    EXPECT_EQ(missing.status, 409);
    EXPECT_EQ(missing.json()["error"]["field"], "grants");
    EXPECT_EQ(user->start_epoch(3).status, 409) << "only the next epoch";
    EXPECT_EQ(counts(), before);

    ASSERT_EQ(user->start_epoch(2).status, 201);
    EXPECT_EQ(family->members()["space"]["needs_rotation"], false);
    EXPECT_EQ(database().query_value("SELECT count(*) FROM family_epoch_grants WHERE epoch = 2 AND recipient_account_id = " +
                                     std::to_string(nurse->account_id())),
              "0");
    ASSERT_EQ(family->post_text("二人だけのメモ").status, 201);
    EXPECT_EQ(user->read_texts(), (std::vector<std::string>{"三人で読むメモ", "二人だけのメモ"}));
    // Whatever the removed nurse kept, it opens nothing of epoch 2.
    auto rows = user->session().get(memos()).json()["memos"];
    fc::MemberDirectory dir = family->directory();
    fc::MemoOpener opener(removed_ring, dir);
    EXPECT_EQ(opener.open_json(rows[0]["envelope"]).status(), fc::MemoStatus::UnknownEpoch);
    EXPECT_TRUE(opener.open_json(rows[1]["envelope"]).ok());

    // Removing the family account (issue 4's route) forces the next one.
    auto admin = sign_in(port(), "admin");
    ASSERT_EQ(admin.request("DELETE", path("/api/v1/family-accounts/", care.family)).status, 204);
    EXPECT_EQ(user->members()["space"]["needs_rotation"], true);
    EXPECT_EQ(user->post_text("三つ目").status, 409);
    ASSERT_EQ(user->start_epoch(3).status, 201);
    EXPECT_EQ(user->post_text("三つ目").status, 201);
    EXPECT_EQ(database().count_rows("family_epoch_grants WHERE epoch = 3"), 1);
}

// What pg_dump writes of the whole test database.
std::string dump_database(const std::string& url) {
    const std::string command = "/usr/lib/postgresql/15/bin/pg_dump --no-owner -d '" + url + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string out;
    if (!pipe) return out;
    std::array<char, 65536> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) out.append(buffer.data(), n);
    return out;
}

TEST_F(FamilySpace, NeitherTheDatabaseNorTheLogHoldsAMemosText) {
    const std::vector<std::string> texts = {"夜中に三回トイレに起きました", "痛み止めは14時に飲みました",
                                            "secret-marker-7f3a9c"};
    testing::internal::CaptureStderr();
    open_space();
    for (const auto& t : texts) ASSERT_EQ(family->post_text(t).status, 201);
    EXPECT_EQ(nurse->read_texts(), texts);
    mimamori::log::flush(); // request lines are buffered (18a4bca); write them before looking
    const std::string log = testing::internal::GetCapturedStderr();
    const std::string dump = dump_database(database().url());
    ASSERT_NE(dump.find("COPY public.family_memos"), std::string::npos) << "pg_dump did not run: " << dump.substr(0, 200);
    // The memos are there, as ciphertext.
    auto rows = nurse->session().get(memos()).json()["memos"];
    ASSERT_EQ(rows.size(), texts.size());
    const auto ciphertext = *encoding::base64url_decode(rows[0]["envelope"]["ciphertext"].get<std::string>());
    EXPECT_NE(dump.find(encoding::hex_encode(ciphertext)), std::string::npos);
    for (const auto& t : texts) {
        EXPECT_EQ(dump.find(t), std::string::npos) << t;
        EXPECT_EQ(dump.find(encoding::hex_encode(as_bytes(t))), std::string::npos) << t;
        EXPECT_EQ(log.find(t), std::string::npos) << t;
    }
    EXPECT_NE(log.find("/family/memos"), std::string::npos) << "the log did record the requests";
}

TEST_F(FamilySpace, TheRecoveryCodeRestoresTheKeysAndAPasswordChangeRewraps) {
    open_space();
    const std::string code = fc::new_recovery_key_code();
    ASSERT_EQ(family->set_up_keys(code, /*replace=*/true).status, 200);
    ASSERT_EQ(nurse->start_epoch(2).status, 201) << "(the family's new keys get epoch 2)";
    ASSERT_EQ(family->post_text("回復前のメモ").status, 201);

    // The password was reset elsewhere: the password wrap no longer opens ...
    EXPECT_EQ(family->unwrap_own_keys("New-password-42-horse").error().code, ErrorCode::Unauthenticated);
    // ... the recovery code does, and gives the same keys.
    auto stored = family->session().get("/api/v1/me/keys").json()["keys"];
    auto recovery_wrap = fc::wrapped_keys_from_json(stored["recovery_wrap"]);
    ASSERT_TRUE(recovery_wrap.ok());
    EXPECT_EQ(fc::recover_member_keys(*recovery_wrap, fc::new_recovery_key_code(), family->account_id()).error().code,
              ErrorCode::Unauthenticated);
    auto recovered = fc::recover_member_keys(*recovery_wrap, code, family->account_id());
    ASSERT_TRUE(recovered.ok());
    EXPECT_EQ(recovered->keys.public_keys, family->identity().keys.public_keys);
    // New password wrap and a new code replace the used one.
    const std::string new_code = fc::new_recovery_key_code();
    Json wraps = {{"password_wrap", fc::to_json(*fc::wrap_member_keys(*recovered, "New-password-42-horse", fc::KdfParams::for_tests()))},
                  {"recovery_wrap", fc::to_json(*fc::wrap_member_keys_for_recovery(*recovered, new_code, fc::KdfParams::for_tests()))}};
    ASSERT_EQ(family->session().request("PUT", "/api/v1/me/keys/wraps", wraps).status, 200);
    EXPECT_TRUE(family->unwrap_own_keys("New-password-42-horse").ok());
    auto replaced = fc::wrapped_keys_from_json(family->session().get("/api/v1/me/keys").json()["keys"]["recovery_wrap"]);
    EXPECT_FALSE(fc::recover_member_keys(*replaced, code, family->account_id()).ok()) << "the used code is void";
    EXPECT_TRUE(fc::recover_member_keys(*replaced, new_code, family->account_id()).ok());
    // A wrap of other keys is refused.
    Json other = {{"password_wrap", fc::to_json(*fc::wrap_member_keys(fc::MemberIdentity{family->account_id(), fc::generate_member_keys()},
                                                                       "x", fc::KdfParams::for_tests()))}};
    EXPECT_EQ(family->session().request("PUT", "/api/v1/me/keys/wraps", other).status, 400);

    // A password change carries the new wrap, stored with it or not at all.
    Json bad_change = {{"current_password", k_password}, {"new_password", "Another-password-99-staple"},
                       {"family_key_wrap", other["password_wrap"]}};
    auto refused = family->session().request("PUT", "/api/v1/me/password", bad_change);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(sign_in_request(port(), "family", k_password).status, 200) << "the password did not change";
    Json change = {{"current_password", k_password}, {"new_password", "Another-password-99-staple"},
                   {"family_key_wrap", fc::to_json(*fc::wrap_member_keys(*recovered, "Another-password-99-staple",
                                                                         fc::KdfParams::for_tests()))}};
    ASSERT_EQ(family->session().request("PUT", "/api/v1/me/password", change).status, 204);
    Session again = sign_in(port(), "family", "Another-password-99-staple");
    FamilyClient restored(again, care.patient, "Another-password-99-staple");
    auto keys = restored.unwrap_own_keys("Another-password-99-staple");
    ASSERT_TRUE(keys.ok());
    EXPECT_EQ(keys->keys.public_keys, family->identity().keys.public_keys);
}

TEST_F(FamilySpace, WithoutTheCodeAnotherMemberReSharesTheKeys) {
    open_space();
    ASSERT_EQ(family->post_text("鍵をなくす前").status, 201);
    ASSERT_EQ(nurse->post_text("看護師より").status, 201);
    // The family member lost password and code: new keys.
    ASSERT_EQ(family->set_up_keys(std::nullopt, /*replace=*/true).status, 200);
    EXPECT_TRUE(family->session().get(family_path(care.patient, "keys")).json()["grants"].empty());
    Json me = family->members()["members"][0];
    EXPECT_EQ(me["earlier_keys"].size(), 1u);
    EXPECT_TRUE(me["epochs"].empty());
    EXPECT_EQ(family->members()["space"]["needs_rotation"], false) << "lost keys are not a member leaving";
    // Holding no key of the current epoch, the member cannot write in it (even with the key
    // taken from elsewhere: here, the user's).
    const fc::EpochKeyring users = user->keyring();
    auto unheld = fc::seal_memo(*users.current(), family->identity(), fc::new_client_id(), now_ms(), as_bytes("まだ"));
    auto refused = family->post(fc::to_json(*unheld));
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.json()["error"]["field"], "epoch");

    // The user re-shares what it holds; a member cannot share what it does not hold.
    auto share = [&](FamilyClient& sharer) {
        fc::Member recipient = family->identity().as_member();
        auto grants = fc::reshare_epoch_keys(sharer.keyring(), recipient, sharer.identity());
        Json list = Json::array();
        for (const auto& g : *grants) list.push_back(fc::to_json(g));
        return sharer.session().request("POST", family_path(care.patient, "keys"), Json{{"grants", list}});
    };
    auto r = share(*user);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["stored"], 1);
    EXPECT_EQ(share(*user).json()["already_held"], 1);
    // Both memos read again, the family's own earlier one verified with its earlier key.
    EXPECT_EQ(family->read_texts(), (std::vector<std::string>{"鍵をなくす前", "看護師より"}));
    ASSERT_EQ(family->post_text("戻りました").status, 201);
    EXPECT_EQ(nurse->read_texts().back(), "戻りました");

    // Grants refused: to a non-member, not signed by the caller, of an unknown epoch.
    const auto outsider = sign_in(port(), "outsider");
    fc::EpochKeyring ring = user->keyring();
    auto to_outsider = fc::seal_epoch_key(*ring.find(1), fc::Member{outsider.me["account"]["id"], fc::generate_member_keys().public_keys},
                                          user->identity());
    auto bad = user->session().request("POST", family_path(care.patient, "keys"), Json{{"grants", Json::array({fc::to_json(*to_outsider)})}});
    EXPECT_EQ(bad.status, 400);
    auto by_nurse = fc::seal_epoch_key(*ring.find(1), family->identity().as_member(), nurse->identity());
    EXPECT_EQ(user->session().request("POST", family_path(care.patient, "keys"), Json{{"grants", Json::array({fc::to_json(*by_nurse)})}}).status,
              400);
    auto unknown = fc::seal_epoch_key(fc::new_epoch_key(care.patient, 9), family->identity().as_member(), user->identity());
    EXPECT_EQ(user->session().request("POST", family_path(care.patient, "keys"), Json{{"grants", Json::array({fc::to_json(*unknown)})}}).status,
              400);
}

TEST_F(FamilySpace, KeyVerificationRecordsAndAChangedKey) {
    open_space();
    const auto record = fc::record_verification(nurse->identity(), family->identity().as_member(), now_ms());
    const std::string verifications = family_path(care.patient, "verifications");
    auto r = nurse->session().request("POST", verifications, fc::to_json(record));
    ASSERT_EQ(r.status, 201) << r.body;
    auto listed = nurse->session().get(verifications).json()["verifications"];
    ASSERT_EQ(listed.size(), 1u);
    auto back = fc::verified_fingerprint_from_json(listed[0]);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(fc::verification_status(*back, nurse->identity().as_member(), family->identity().as_member()),
              fc::KeyVerification::Verified);
    EXPECT_TRUE(family->session().get(verifications).json()["verifications"].empty()) << "only one's own records";
    // Refused: another verifier's record, a fingerprint of other keys, oneself.
    EXPECT_EQ(family->session().request("POST", verifications, fc::to_json(record)).status, 400);
    auto wrong = fc::record_verification(nurse->identity(), fc::Member{family->account_id(), fc::generate_member_keys().public_keys}, now_ms());
    EXPECT_EQ(nurse->session().request("POST", verifications, fc::to_json(wrong)).json()["error"]["field"], "fingerprint");
    auto self = fc::record_verification(nurse->identity(), nurse->identity().as_member(), now_ms());
    EXPECT_EQ(nurse->session().request("POST", verifications, fc::to_json(self)).status, 400);
    // The family member makes new keys: the nurse's record now warns.
    ASSERT_EQ(family->set_up_keys(std::nullopt, true).status, 200);
    auto after = fc::verified_fingerprint_from_json(nurse->session().get(verifications).json()["verifications"][0]);
    EXPECT_EQ(fc::verification_status(*after, nurse->identity().as_member(), family->identity().as_member()),
              fc::KeyVerification::KeyChanged);
}

} // namespace
} // namespace mimamori::test

namespace mimamori::test {
namespace {

// The demo (--demo-data assets/demo): a patient's family space whose memos the demo's family
// member and nurse read after signing in with their demo passwords, encrypted at load time.
class FamilySpaceDemo : public FreshDatabaseTest {};

TEST_F(FamilySpaceDemo, TheDemoMembersReadTheirSpaceWithTheirPasswords) {
    auto config = test_config(database().url());
    config.demo_data = MIMAMORI_DEMO_DIR;
    auto server = start_server(config);
    const Json file = Json::parse(std::ifstream(std::string(MIMAMORI_DEMO_DIR) + "/family_space.json"));
    std::vector<std::string> expected;
    for (const auto& m : file["memos"]) expected.push_back(m["text"]);
    std::map<std::string, std::string> passwords;
    for (const auto& a : Json::parse(std::ifstream(std::string(MIMAMORI_DEMO_DIR) + "/accounts.json")))
        passwords[a["login"]] = a["password"];
    const std::int64_t patient = std::stoll(database().query_value("SELECT id FROM patients WHERE name = '" +
                                                                   file["patient"].get<std::string>() + "'"));
    for (const std::string login : {"tanaka-ichiro", "yukiwari-hasegawa"}) {
        SCOPED_TRACE(login);
        FamilyClient client(sign_in(server->port(), login, passwords.at(login)), patient, passwords.at(login));
        auto keys = client.unwrap_own_keys(passwords.at(login));
        ASSERT_TRUE(keys.ok()) << keys.error().message;
        client.use_identity(std::move(*keys));
        EXPECT_EQ(client.read_texts(), expected);
        EXPECT_EQ(client.members()["space"]["current_epoch"], 1);
    }
    // The family member's recovery code opens the recovery wrap; the wraps use the production
    // Argon2id parameters.
    Session ichiro = sign_in(server->port(), "tanaka-ichiro", passwords.at("tanaka-ichiro"));
    const Json stored = ichiro.get("/api/v1/me/keys").json()["keys"];
    EXPECT_EQ(stored["password_wrap"]["kdf"]["memlimit"], fc::KdfParams::interactive().memlimit);
    auto recovery = fc::wrapped_keys_from_json(stored["recovery_wrap"]);
    ASSERT_TRUE(recovery.ok());
    EXPECT_TRUE(fc::recover_member_keys(*recovery, file["recovery_codes"]["tanaka-ichiro"].get<std::string>(),
                                        ichiro.me["account"]["id"])
                    .ok());
    EXPECT_GE(database().count_rows("family_memo_reactions"), 1);
    // Nothing of the texts is stored in the clear.
    for (const auto& t : expected)
        EXPECT_EQ(database().query_value("SELECT count(*) FROM family_memos WHERE position(convert_to('" + t +
                                         "', 'UTF8') IN ciphertext) > 0"),
                  "0");
}

} // namespace
} // namespace mimamori::test

namespace mimamori::test {
namespace {

// A family memo is announced on the live-update stream (issue 5's GET /api/v1/events) to the
// space's members -- the family account included, unlike the professional timeline -- with ids
// only, and replayed to a family account that reconnects.
TEST_F(FamilySpace, ANewMemoIsAnnouncedToTheSpacesMembersOnly) {
    open_space();
    EventClient family_stream(port(), family->session().cookie);
    EventClient nurse_stream(port(), nurse->session().cookie);
    EventClient outsider_stream(port(), sign_in(port(), "outsider").cookie);
    ASSERT_EQ(family_stream.head().status, 200);
    const std::string text = "夜は静かに眠れました";
    ASSERT_EQ(user->post_text(text).status, 201);
    ASSERT_EQ(family_stream.wait_for(1).size(), 1u);
    ASSERT_EQ(nurse_stream.wait_for(1).size(), 1u);
    const Json event = family_stream.data()[0];
    EXPECT_EQ(event["type"], "family_memo.created");
    EXPECT_EQ(event["patient_id"], care.patient);
    EXPECT_EQ(nurse_stream.data()[0], event);
    EXPECT_EQ(family_stream.body().find(text), std::string::npos) << "ids only";
    EXPECT_TRUE(outsider_stream.read_for(std::chrono::milliseconds(500)).empty());
    // The family account reconnects after missing one: it is replayed.
    const std::string last = family_stream.last_event_id();
    ASSERT_EQ(nurse->post_text("二つ目").status, 201);
    EventClient again(port(), family->session().cookie, last);
    ASSERT_EQ(again.wait_for(1).size(), 1u);
    EXPECT_EQ(again.data()[0]["type"], "family_memo.created");
    EXPECT_NE(again.data()[0]["seq"], event["seq"]);
}

} // namespace
} // namespace mimamori::test
