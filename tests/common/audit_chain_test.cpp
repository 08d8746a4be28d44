#include <gtest/gtest.h>

#include <set>

#include "mimamori/common/audit_chain.hpp"
#include "mimamori/common/encoding.hpp"

namespace audit = mimamori::audit;
using mimamori::ErrorCode;
using mimamori::Json;
using mimamori::encoding::hex_encode;

namespace {

// A failed sign-in and a patient read: the entries of the pinned vectors below.
audit::Entry failed_sign_in() {
    audit::Entry e;
    e.sequence = 1;
    e.time_us = 1795649487123456; // 2026-11-25T23:31:27.123456Z
    e.actor_login = "yamada.taro";
    e.action = "session.create";
    e.target_type = "session";
    e.client_address = "192.0.2.10";
    e.result = "failed";
    e.detail = Json{{"reason", "wrong_password"}, {"attempt", 3}};
    return e;
}

audit::Entry patient_read() {
    audit::Entry e;
    e.sequence = 2;
    e.time_us = 1795649490000001;
    e.actor_account_id = 42;
    e.actor_login = "yamada.taro";
    e.action = "patient.read";
    e.target_type = "patient";
    e.target_id = "7";
    e.patient_id = 7;
    e.client_address = "192.0.2.10";
    e.result = "ok";
    e.detail = Json{{"note", "訪問記録"}};
    return e;
}

std::vector<audit::StoredEntry> chain_of(int n) {
    std::vector<audit::StoredEntry> log;
    audit::Hash previous = audit::genesis_hash();
    for (int i = 0; i < n; ++i) {
        audit::Entry e = i % 2 ? patient_read() : failed_sign_in();
        e.sequence = 10 + 3 * i; // gaps are allowed
        e.time_us += i;
        previous = audit::chain_hash(previous, e);
        log.push_back({e, previous});
    }
    return log;
}

} // namespace

TEST(AuditTime, FormatsUtcWithMicroseconds) {
    EXPECT_EQ(audit::format_time(0), "1970-01-01T00:00:00.000000Z");
    EXPECT_EQ(audit::format_time(1795649487123456), "2026-11-25T23:31:27.123456Z");
    EXPECT_EQ(audit::format_time(-1), "1969-12-31T23:59:59.999999Z");
    EXPECT_EQ(audit::format_time(951782400000000), "2000-02-29T00:00:00.000000Z");
    EXPECT_EQ(audit::format_time(86'400'000'000 - 1), "1970-01-01T23:59:59.999999Z");
}

TEST(AuditTime, ParsesExactlyWhatItFormats) {
    for (const std::int64_t t : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1795649487123456},
                                 std::int64_t{951782400000000}, std::int64_t{7258118399999999}})
        EXPECT_EQ(audit::parse_time(audit::format_time(t)).value(), t) << t;
}

TEST(AuditTime, RejectsOtherForms) {
    for (const std::string_view bad : {"2026-11-25T23:31:27Z", "2026-11-25 23:31:27.123456Z",
                                       "2026-11-25T23:31:27.123456+09:00", "2026-11-25T24:00:00.000000Z",
                                       "2026-02-30T00:00:00.000000Z", "2026-11-25T23:31:27.12345xZ", ""}) {
        auto r = audit::parse_time(bad, "at");
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(r.error().field, "at");
    }
}

TEST(AuditChain, CanonicalBytesArePinned) {
    // Computed independently from the format described in audit_chain.hpp; a change here is a
    // change of format and needs a new tag.
    EXPECT_EQ(hex_encode(mimamori::as_bytes(audit::canonical(failed_sign_in()))),
              "000000116d696d616d6f72692e61756469742e763100000001310000001b323032362d31312d32355432333a33313a32372e"
              "3132333435365affffffff0000000b79616d6164612e7461726f0000000e73657373696f6e2e637265617465000000077365"
              "7373696f6e00000000ffffffff0000000a3139322e302e322e3130000000066661696c6564000000277b22617474656d7074"
              "223a332c22726561736f6e223a2277726f6e675f70617373776f7264227d");
}

TEST(AuditChain, GenesisAndChainHashesArePinned) {
    EXPECT_EQ(hex_encode(audit::genesis_hash()), "9a3eff1816d34eceee9ebbc99114cb483834176cce70042278acdc92bd132f84");
    const audit::Hash h1 = audit::chain_hash(audit::genesis_hash(), failed_sign_in());
    EXPECT_EQ(hex_encode(h1), "7ebec4ca1b22d89510a62a033da72e311671fbaf66d092800bc74ddeb5cd88e6");
    EXPECT_EQ(hex_encode(audit::chain_hash(h1, patient_read())),
              "ca0e66cb0aca85809f62c4701a5378db1ae8fdabd4526a95d31834d02e38df54");
}

TEST(AuditChain, NullDiffersFromEmptyAndZero) {
    audit::Entry a = failed_sign_in();
    audit::Entry b = a;
    b.actor_account_id = 0;
    EXPECT_NE(audit::canonical(a), audit::canonical(b));
    audit::Entry c = a;
    c.patient_id = 0;
    EXPECT_NE(audit::canonical(a), audit::canonical(c));
}

TEST(AuditChain, FieldBoundariesCannotBeShifted) {
    // Without length prefixes these pairs would serialise the same way.
    audit::Entry a = failed_sign_in();
    audit::Entry b = a;
    a.target_type = "patient";
    a.target_id = "12";
    b.target_type = "patient1";
    b.target_id = "2";
    EXPECT_NE(audit::canonical(a), audit::canonical(b));
    audit::Entry c = failed_sign_in();
    audit::Entry d = c;
    c.actor_login = std::string("x\0\0\0\x01y", 6);
    d.actor_login = "x";
    d.action = std::string("y", 1) + d.action;
    EXPECT_NE(audit::canonical(c), audit::canonical(d));
}

TEST(AuditChain, EveryFieldIsCovered) {
    const audit::Entry base = patient_read();
    std::set<std::string> seen{audit::canonical(base)};
    const auto variant = [&](auto change) {
        audit::Entry e = base;
        change(e);
        EXPECT_TRUE(seen.insert(audit::canonical(e)).second);
    };
    variant([](audit::Entry& e) { e.sequence += 1; });
    variant([](audit::Entry& e) { e.time_us += 1; }); // one microsecond
    variant([](audit::Entry& e) { e.actor_account_id = 43; });
    variant([](audit::Entry& e) { e.actor_account_id.reset(); });
    variant([](audit::Entry& e) { e.actor_login = "yamada.tar0"; });
    variant([](audit::Entry& e) { e.action = "patient.update"; });
    variant([](audit::Entry& e) { e.target_type = "facility"; });
    variant([](audit::Entry& e) { e.target_id = "8"; });
    variant([](audit::Entry& e) { e.patient_id = 8; });
    variant([](audit::Entry& e) { e.patient_id.reset(); });
    variant([](audit::Entry& e) { e.client_address = "192.0.2.11"; });
    variant([](audit::Entry& e) { e.result = "denied"; });
    variant([](audit::Entry& e) { e.detail["note"] = "訪問記録2"; });
}

TEST(AuditChain, DetailKeyOrderDoesNotMatter) {
    // What comes back from a jsonb column may list keys in another order.
    audit::Entry a = failed_sign_in();
    audit::Entry b = a;
    b.detail = mimamori::json::parse(R"({ "reason" : "wrong_password", "attempt" : 3 })").value();
    EXPECT_EQ(audit::canonical(a), audit::canonical(b));
}

TEST(AuditVerify, AnIntactChainHolds) {
    const auto log = chain_of(20);
    EXPECT_EQ(audit::verify(log), std::nullopt);
    audit::ChainVerifier v;
    for (const auto& e : log) EXPECT_TRUE(v.add(e));
    EXPECT_TRUE(v.ok());
    EXPECT_EQ(v.verified(), 20u);
    EXPECT_EQ(v.head(), log.back().hash);
    EXPECT_EQ(audit::verify({}), std::nullopt);
}

TEST(AuditVerify, NamesTheModifiedEntry) {
    auto log = chain_of(10);
    log[6].entry.result = "ok "; // a changed field, hash left as it was
    const auto broken = audit::verify(log);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->index, 6u);
    EXPECT_EQ(broken->sequence, log[6].entry.sequence);
    EXPECT_EQ(broken->reason, audit::Break::Reason::HashMismatch);
    EXPECT_NE(broken->message.find("entry " + std::to_string(log[6].entry.sequence)), std::string::npos)
        << broken->message;
}

TEST(AuditVerify, RewritingAHashMovesTheBreakToTheNextEntry) {
    auto log = chain_of(10);
    log[3].entry.detail["attempt"] = 1;
    log[3].hash = audit::chain_hash(log[2].hash, log[3].entry); // the forger recomputes this one
    const auto broken = audit::verify(log);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->index, 4u);
}

TEST(AuditVerify, DetectsRemovedAndInsertedEntries) {
    auto removed = chain_of(10);
    removed.erase(removed.begin() + 5);
    ASSERT_TRUE(audit::verify(removed).has_value());
    EXPECT_EQ(audit::verify(removed)->index, 5u);

    auto inserted = chain_of(10);
    audit::StoredEntry extra = inserted[4];
    extra.entry.sequence += 1;
    inserted.insert(inserted.begin() + 5, extra);
    ASSERT_TRUE(audit::verify(inserted).has_value());
    EXPECT_EQ(audit::verify(inserted)->index, 5u);

    auto first = chain_of(3);
    first[0].hash[0] ^= 1; // even the first entry is checked, against the genesis hash
    EXPECT_EQ(audit::verify(first)->index, 0u);
}

TEST(AuditVerify, SequenceMustIncrease) {
    auto log = chain_of(5);
    // A duplicated entry with a valid hash chained on: still refused for its sequence.
    audit::StoredEntry copy = log[4];
    copy.hash = audit::chain_hash(log[4].hash, copy.entry);
    log.push_back(copy);
    const auto broken = audit::verify(log);
    ASSERT_TRUE(broken.has_value());
    EXPECT_EQ(broken->index, 5u);
    EXPECT_EQ(broken->reason, audit::Break::Reason::SequenceNotIncreasing);
}

TEST(AuditVerify, ResumesFromAKnownEntryAndStopsAtTheFirstBreak) {
    auto log = chain_of(8);
    audit::ChainVerifier from_middle(log[3].hash, log[3].entry.sequence);
    for (std::size_t i = 4; i < log.size(); ++i) EXPECT_TRUE(from_middle.add(log[i]));
    EXPECT_EQ(from_middle.verified(), 4u);

    audit::ChainVerifier wrong_start(log[2].hash); // not the hash before log[4]
    EXPECT_FALSE(wrong_start.add(log[4]));
    EXPECT_FALSE(wrong_start.add(log[5])); // stays broken
    EXPECT_EQ(wrong_start.first_break()->index, 0u);
    EXPECT_EQ(wrong_start.verified(), 0u);
}
