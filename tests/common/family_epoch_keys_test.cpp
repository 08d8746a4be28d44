// Space keys by epoch: sealing to members, opening, the bindings of the sealed plaintext and of the
// sealer's signature, re-sharing, and what a removed member can no longer open.
#include <gtest/gtest.h>

#include "family_test_support.hpp"
#include "mimamori/common/family_crypto/epoch_keys.hpp"
#include "mimamori/common/family_crypto/memo.hpp"

namespace fc = mimamori::family_crypto;
using mimamori::ErrorCode;
using mimamori::Json;
using namespace family_test;

namespace {

struct Space {
    fc::MemberIdentity nurse = family_test::nurse();
    fc::MemberIdentity family = family_test::family();
    fc::MemberIdentity daughter = family_test::daughter();
    fc::MemberDirectory directory =
        directory_of({nurse.as_member(), family.as_member(), daughter.as_member()});
};

std::string field_of(const mimamori::Result<fc::EpochKey>& r) { return r.ok() ? "(opened)" : r.error().field; }

} // namespace

TEST(FamilyEpochKeys, SealedKeyOpensForItsRecipientOnly) {
    Space s;
    const auto key = fc::new_epoch_key(space, 1);
    auto grant = fc::seal_epoch_key(key, s.family.as_member(), s.nurse);
    ASSERT_TRUE(grant.ok()) << grant.error().message;
    EXPECT_EQ(grant->space_id, space);
    EXPECT_EQ(grant->epoch, 1u);
    EXPECT_EQ(grant->recipient_account_id, family_id);
    EXPECT_EQ(grant->sealer_account_id, nurse_id);
    EXPECT_TRUE(fc::verify_epoch_key_signature(*grant, s.nurse.keys.public_keys.sign));
    EXPECT_FALSE(fc::verify_epoch_key_signature(*grant, s.family.keys.public_keys.sign));

    auto opened = fc::open_epoch_key(*grant, space, s.family, s.directory);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->space_id, space);
    EXPECT_EQ(opened->epoch, 1u);
    EXPECT_TRUE(opened->secret.equals(key.secret));

    // Another member presenting it as their own: refused by the record, and, with the record
    // edited, by the sealed box itself.
    EXPECT_EQ(field_of(fc::open_epoch_key(*grant, space, s.daughter, s.directory)), "recipient_account_id");
}

TEST(FamilyEpochKeys, EachGrantIsFreshlySealed) {
    Space s;
    const auto key = fc::new_epoch_key(space, 1);
    auto a = fc::seal_epoch_key(key, s.family.as_member(), s.nurse);
    auto b = fc::seal_epoch_key(key, s.family.as_member(), s.nurse);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->sealed, b->sealed); // a new ephemeral key each time
}

TEST(FamilyEpochKeys, RefusesGrantsForAnotherSpaceOrMemberOrFromAStranger) {
    Space s;
    const auto key = fc::new_epoch_key(space, 1);
    auto grant = fc::seal_epoch_key(key, s.family.as_member(), s.nurse);
    ASSERT_TRUE(grant.ok());

    EXPECT_EQ(field_of(fc::open_epoch_key(*grant, space + 1, s.family, s.directory)), "space_id");

    // The server re-addresses a grant to another member: the signature no longer holds.
    auto readdressed = *grant;
    readdressed.recipient_account_id = daughter_id;
    EXPECT_EQ(field_of(fc::open_epoch_key(readdressed, space, s.daughter, s.directory)), "signature");

    // Every field of the record is covered by the signature.
    for (int i = 0; i < 4; ++i) {
        auto edited = *grant;
        if (i == 0) edited.epoch = 2;
        if (i == 1) edited.sealed[100] ^= 1;
        if (i == 2) edited.signature[0] ^= 1;
        if (i == 3) edited.sealer_account_id = daughter_id;
        EXPECT_EQ(field_of(fc::open_epoch_key(edited, space, s.family, s.directory)), "signature") << i;
    }

    // Sealed by someone outside the directory (the server sealing a key of its own choosing).
    const auto stranger = member(99, 0x99);
    auto forged = fc::seal_epoch_key(fc::new_epoch_key(space, 2), s.family.as_member(), stranger);
    ASSERT_TRUE(forged.ok());
    EXPECT_EQ(field_of(fc::open_epoch_key(*forged, space, s.family, s.directory)), "sealer_account_id");
    // ... or claiming to be a member it is not: signed with the wrong key.
    auto impostor = fc::MemberIdentity{nurse_id, stranger.keys.clone()};
    auto claimed = fc::seal_epoch_key(fc::new_epoch_key(space, 2), s.family.as_member(), impostor);
    ASSERT_TRUE(claimed.ok());
    EXPECT_EQ(field_of(fc::open_epoch_key(*claimed, space, s.family, s.directory)), "signature");
}

TEST(FamilyEpochKeys, SealedPlaintextBindsSpaceEpochAndRecipient) {
    // A member (the only one who can sign a grant) copies a sealed box into a record for another
    // space, epoch or recipient and signs it. The box still opens, but its plaintext names the
    // original space, epoch and recipient, so the key is refused.
    Space s;
    const auto key = fc::new_epoch_key(space, 1);
    auto grant = fc::seal_epoch_key(key, s.family.as_member(), s.nurse);
    ASSERT_TRUE(grant.ok());

    auto other_space = *grant;
    other_space.space_id = space + 1;
    fc::sign_epoch_key_grant(other_space, s.nurse.keys.sign_secret);
    EXPECT_EQ(field_of(fc::open_epoch_key(other_space, space + 1, s.family, s.directory)), "space_id");

    auto other_epoch = *grant;
    other_epoch.epoch = 5;
    fc::sign_epoch_key_grant(other_epoch, s.nurse.keys.sign_secret);
    EXPECT_EQ(field_of(fc::open_epoch_key(other_epoch, space, s.family, s.directory)), "epoch");

    // For the recipient check, the box must open for the claimed recipient: seal to the family's
    // X25519 key but name the daughter as recipient in the plaintext.
    const fc::Member misnamed{daughter_id, s.family.keys.public_keys};
    auto to_daughter = fc::seal_epoch_key(key, misnamed, s.nurse);
    ASSERT_TRUE(to_daughter.ok());
    to_daughter->recipient_account_id = family_id;
    fc::sign_epoch_key_grant(*to_daughter, s.nurse.keys.sign_secret);
    EXPECT_EQ(field_of(fc::open_epoch_key(*to_daughter, space, s.family, s.directory)), "recipient_account_id");
}

TEST(FamilyEpochKeys, SealedToAnotherKeyCannotBeOpened) {
    Space s;
    // Sealed to the daughter's key, addressed (and signed) as the family's: the box does not open.
    const fc::Member wrong_key{family_id, s.daughter.keys.public_keys};
    auto grant = fc::seal_epoch_key(fc::new_epoch_key(space, 1), wrong_key, s.nurse);
    ASSERT_TRUE(grant.ok());
    EXPECT_EQ(field_of(fc::open_epoch_key(*grant, space, s.family, s.directory)), "sealed_key");
}

TEST(FamilyEpochKeys, RefusesBadRecipientKeysAndIds) {
    Space s;
    fc::Member zero_key = s.family.as_member();
    zero_key.keys.box.bytes.fill(0);
    auto grant = fc::seal_epoch_key(fc::new_epoch_key(space, 1), zero_key, s.nurse);
    ASSERT_FALSE(grant.ok());
    EXPECT_EQ(grant.error().field, "x25519");
    EXPECT_EQ(fc::seal_epoch_key(fc::new_epoch_key(space, 0), s.family.as_member(), s.nurse).error().field, "epoch");
    EXPECT_EQ(fc::seal_epoch_key(fc::new_epoch_key(0, 1), s.family.as_member(), s.nurse).error().field, "space_id");
    EXPECT_EQ(fc::seal_epoch_key(fc::new_epoch_key(space, 1), fc::Member{-3, s.family.keys.public_keys}, s.nurse)
                  .error()
                  .field,
              "recipient_account_id");
}

TEST(FamilyEpochKeys, KeyringOrdersEpochsAndRefusesMixups) {
    fc::EpochKeyring ring(space);
    EXPECT_EQ(ring.current(), nullptr);
    EXPECT_EQ(ring.next_epoch_key().epoch, 1u);
    ASSERT_TRUE(ring.add(epoch_key(space, 2, 0x22)).ok());
    ASSERT_TRUE(ring.add(epoch_key(space, 1, 0x11)).ok());
    EXPECT_TRUE(ring.add(epoch_key(space, 1, 0x11)).ok()); // the same key again
    EXPECT_EQ(ring.add(epoch_key(space, 1, 0x12)).error().code, ErrorCode::Conflict);
    EXPECT_EQ(ring.add(epoch_key(space + 1, 3, 0x33)).error().field, "space_id");
    EXPECT_FALSE(ring.add(epoch_key(space, 0, 0x00)).ok());
    ASSERT_NE(ring.current(), nullptr);
    EXPECT_EQ(ring.current()->epoch, 2u);
    EXPECT_EQ(ring.find(1)->secret.bytes()[0], 0x11);
    EXPECT_EQ(ring.find(3), nullptr);
    EXPECT_EQ(ring.keys().size(), 2u);
    const auto next = ring.next_epoch_key();
    EXPECT_EQ(next.space_id, space);
    EXPECT_EQ(next.epoch, 3u);
    ring.clear(); // the kiosk lock
    EXPECT_EQ(ring.current(), nullptr);
    EXPECT_EQ(ring.find(1), nullptr);
}

TEST(FamilyEpochKeys, RemovedMemberCannotOpenTheNextEpoch) {
    Space s;
    // Epoch 1: everyone.
    fc::EpochKeyring nurse_ring(space);
    ASSERT_TRUE(nurse_ring.add(nurse_ring.next_epoch_key()).ok());
    const std::vector<fc::Member> everyone{s.nurse.as_member(), s.family.as_member(), s.daughter.as_member()};
    auto grants1 = fc::seal_epoch_key_to_members(*nurse_ring.current(), everyone, s.nurse);
    ASSERT_TRUE(grants1.ok());
    ASSERT_EQ(grants1->size(), 3u);

    // The daughter is removed: epoch 2, sealed to the nurse and the son only.
    auto key2 = nurse_ring.next_epoch_key();
    const std::vector<fc::Member> remaining{s.nurse.as_member(), s.family.as_member()};
    auto grants2 = fc::seal_epoch_key_to_members(key2, remaining, s.nurse);
    ASSERT_TRUE(grants2.ok());
    ASSERT_TRUE(nurse_ring.add(std::move(key2)).ok());

    // The daughter opens what was sealed to her: epoch 1 only.
    fc::EpochKeyring daughter_ring(space);
    for (const auto* grants : {&*grants1, &*grants2})
        for (const auto& g : *grants)
            if (g.recipient_account_id == daughter_id) {
                auto k = fc::open_epoch_key(g, space, s.daughter, s.directory);
                ASSERT_TRUE(k.ok());
                ASSERT_TRUE(daughter_ring.add(std::move(k).value()).ok());
            }
    EXPECT_EQ(daughter_ring.keys().size(), 1u);
    // She cannot open the grants of epoch 2 (addressed to others), even with the record edited.
    for (const auto& g : *grants2) {
        auto edited = g;
        edited.recipient_account_id = daughter_id;
        EXPECT_FALSE(fc::open_epoch_key(edited, space, s.daughter, s.directory).ok());
    }

    // A memo of epoch 2 by the son: the nurse opens it, the daughter cannot.
    fc::EpochKeyring family_ring(space);
    for (const auto& g : *grants2)
        if (g.recipient_account_id == family_id)
            ASSERT_TRUE(family_ring.add(fc::open_epoch_key(g, space, s.family, s.directory).value()).ok());
    auto memo = fc::seal_memo(*family_ring.current(), s.family, "m-after-removal", 1795649487123, bytes_of("新しい薬"));
    ASSERT_TRUE(memo.ok());
    EXPECT_EQ(memo->header.epoch, 2u);
    EXPECT_EQ(fc::MemoOpener(nurse_ring, s.directory).open(*memo).status(), fc::MemoStatus::Ok);
    EXPECT_EQ(fc::MemoOpener(daughter_ring, s.directory).open(*memo).status(), fc::MemoStatus::UnknownEpoch);
    // Forcing the epoch-1 key on it (the envelope relabelled as epoch 1) fails authentication.
    auto relabelled = *memo;
    relabelled.header.epoch = 1;
    EXPECT_EQ(fc::MemoOpener(daughter_ring, s.directory).open(relabelled).status(), fc::MemoStatus::AuthenticationFailed);
}

TEST(FamilyEpochKeys, ReshareRestoresAMemberWithNewKeys) {
    Space s;
    fc::EpochKeyring nurse_ring(space);
    ASSERT_TRUE(nurse_ring.add(epoch_key(space, 1, 0x11)).ok());
    ASSERT_TRUE(nurse_ring.add(epoch_key(space, 2, 0x22)).ok());
    auto old_memo = fc::seal_memo(*nurse_ring.find(1), s.nurse, "m1", 1, bytes_of("epoch 1"));
    ASSERT_TRUE(old_memo.ok());

    // The son lost password and recovery code: new keys, registered by the server for his account.
    const fc::MemberIdentity son_again{family_id, fc::generate_member_keys()};
    auto directory = directory_of({s.nurse.as_member(), son_again.as_member()});

    // The nurse re-seals every key she holds to his new public key.
    auto grants = fc::reshare_epoch_keys(nurse_ring, son_again.as_member(), s.nurse);
    ASSERT_TRUE(grants.ok());
    ASSERT_EQ(grants->size(), 2u);
    fc::EpochKeyring son_ring(space);
    for (const auto& g : *grants) {
        // His old keys cannot open the new grants.
        EXPECT_EQ(field_of(fc::open_epoch_key(g, space, s.family, directory)), "sealed_key");
        auto k = fc::open_epoch_key(g, space, son_again, directory);
        ASSERT_TRUE(k.ok()) << k.error().message;
        ASSERT_TRUE(son_ring.add(std::move(k).value()).ok());
    }
    EXPECT_EQ(fc::MemoOpener(son_ring, directory).open(*old_memo).status(), fc::MemoStatus::Ok);
}

TEST(FamilyEpochKeys, JsonRoundTripAndStrictness) {
    Space s;
    auto grant = fc::seal_epoch_key(fc::new_epoch_key(space, 3), s.family.as_member(), s.nurse);
    ASSERT_TRUE(grant.ok());
    const Json j = fc::to_json(*grant);
    EXPECT_EQ(j["epoch"], 3);
    EXPECT_EQ(j["sealed_key"].get<std::string>().size(), (148u * 4 + 2) / 3); // 148 bytes
    auto back = fc::sealed_epoch_key_from_json(j);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, *grant);
    EXPECT_TRUE(fc::open_epoch_key(*back, space, s.family, s.directory).ok());

    for (const char* key : {"space_id", "epoch", "recipient_account_id", "sealer_account_id", "sealed_key", "signature"}) {
        Json missing = j;
        missing.erase(key);
        EXPECT_EQ(fc::sealed_epoch_key_from_json(missing).error().field, key);
    }
    Json truncated = j;
    truncated["sealed_key"] = j["sealed_key"].get<std::string>().substr(0, 100);
    EXPECT_EQ(fc::sealed_epoch_key_from_json(truncated).error().field, "sealed_key");
    Json epoch0 = j;
    epoch0["epoch"] = 0;
    EXPECT_EQ(fc::sealed_epoch_key_from_json(epoch0).error().field, "epoch");
    Json big_epoch = j;
    big_epoch["epoch"] = 1ll << 32;
    EXPECT_EQ(fc::sealed_epoch_key_from_json(big_epoch).error().field, "epoch");
}
