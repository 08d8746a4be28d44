// The app's upload state machine (tus_upload.hpp), driven by simulated requests.
#include <gtest/gtest.h>

#include "mimamori/common/tus_upload.hpp"

using namespace mimamori;
using tus::Chunk;
using tus::Failure;
using Step = tus::Upload::Step;

namespace {

tus::Upload start(std::uint64_t size, std::uint64_t chunk, tus::RetryPolicy retry = {}) {
    auto up = tus::Upload::start(size, chunk, std::move(retry));
    EXPECT_TRUE(up.ok());
    return std::move(up).value();
}

} // namespace

TEST(TusUpload, ChunkPlan) {
    EXPECT_EQ(*tus::plan_chunks(10, 4), (std::vector<Chunk>{{0, 4}, {4, 4}, {8, 2}}));
    EXPECT_EQ(*tus::plan_chunks(8, 4), (std::vector<Chunk>{{0, 4}, {4, 4}}));
    EXPECT_EQ(*tus::plan_chunks(3, 100), (std::vector<Chunk>{{0, 3}}));
    EXPECT_EQ(tus::plan_chunks(0, 4).error().field, "size");
    EXPECT_EQ(tus::plan_chunks(10, 0).error().field, "chunk_size");
    EXPECT_FALSE(tus::Upload::start(0, 4).ok());
    EXPECT_FALSE(tus::Upload::start(4, 0).ok());
}

TEST(TusUpload, StatusesToFailures) {
    EXPECT_EQ(tus::failure_for_status(0), Failure::Network);
    EXPECT_EQ(tus::failure_for_status(503), Failure::ServerError);
    EXPECT_EQ(tus::failure_for_status(409), Failure::OffsetConflict);
    EXPECT_EQ(tus::failure_for_status(460), Failure::ChecksumMismatch);
    EXPECT_EQ(tus::failure_for_status(404), Failure::Expired);
    EXPECT_EQ(tus::failure_for_status(410), Failure::Expired);
    EXPECT_EQ(tus::failure_for_status(413), Failure::Refused);
    EXPECT_EQ(tus::failure_for_status(403), Failure::Refused);
}

TEST(TusUpload, UploadsChunkByChunk) {
    auto up = start(10, 4);
    EXPECT_EQ(up.step(), Step::Create);
    up.created(0);
    std::vector<Chunk> sent;
    while (up.step() == Step::Send) {
        const Chunk c = up.next_chunk();
        sent.push_back(c);
        up.sent(c.offset + c.length, static_cast<std::int64_t>(sent.size()) * 1000);
    }
    EXPECT_EQ(up.step(), Step::Done);
    EXPECT_EQ(sent, *tus::plan_chunks(10, 4));
    const auto p = up.progress(5000);
    EXPECT_EQ(p.confirmed, 10u);
    EXPECT_DOUBLE_EQ(p.fraction, 1.0);
}

TEST(TusUpload, ResumesFromTheServersOffsetAfterADroppedConnection) {
    auto up = start(100, 40);
    up.created(0);
    up.sent(40, 1000);
    EXPECT_EQ(up.next_chunk(), (Chunk{40, 40}));
    up.sending(25, 1500);
    EXPECT_EQ(up.progress(1500).sent, 65u);
    up.failed(Failure::Network, 2000); // the connection drops mid-chunk
    EXPECT_EQ(up.step(), Step::Ask);
    EXPECT_EQ(up.ready_at_ms(), 3000); // the first retry delay
    EXPECT_EQ(up.progress(2000).sent, 40u);
    up.resumed(52, 100, 3100); // the server kept 12 bytes of the broken chunk
    EXPECT_EQ(up.step(), Step::Send);
    EXPECT_EQ(up.next_chunk(), (Chunk{52, 40}));
    up.sent(92, 4000);
    EXPECT_EQ(up.next_chunk(), (Chunk{92, 8}));
    up.sent(100, 4500);
    EXPECT_EQ(up.step(), Step::Done);
}

TEST(TusUpload, TheServersOffsetWinsEvenWhenBehind) {
    auto up = start(100, 50);
    up.created(0);
    up.sent(50, 100);
    up.failed(Failure::OffsetConflict, 200); // e.g. the server lost its last write
    EXPECT_EQ(up.step(), Step::Ask);
    up.resumed(0, 100, 1300);
    EXPECT_EQ(up.next_chunk(), (Chunk{0, 50}));
}

TEST(TusUpload, DisagreeingPatchAnswerLeadsToHead) {
    auto up = start(100, 50);
    up.created(0);
    up.sent(70, 100); // past the chunk just sent
    EXPECT_EQ(up.step(), Step::Ask);
    up.resumed(50, 100, 2000);
    EXPECT_EQ(up.next_chunk(), (Chunk{50, 50}));
    up.sent(50, 2100); // no progress at all
    EXPECT_EQ(up.step(), Step::Ask);
}

TEST(TusUpload, HeadForAnotherFileFails) {
    auto up = start(100, 50);
    up.created(0);
    up.failed(Failure::Network, 10);
    up.resumed(0, 99, 2000);
    EXPECT_EQ(up.step(), Step::Failed);
    EXPECT_NE(up.failure_message().find("99"), std::string::npos);
    auto past = start(100, 50);
    past.created(0);
    past.failed(Failure::Network, 10);
    past.resumed(101, 100, 2000);
    EXPECT_EQ(past.step(), Step::Failed);
}

TEST(TusUpload, ChecksumMismatchResendsTheChunk) {
    auto up = start(100, 50);
    up.created(0);
    up.failed(Failure::ChecksumMismatch, 10);
    EXPECT_EQ(up.step(), Step::Send);
    EXPECT_EQ(up.next_chunk(), (Chunk{0, 50}));
    EXPECT_EQ(up.ready_at_ms(), 1010);
}

TEST(TusUpload, ExpiredUploadStartsAgain) {
    auto up = start(100, 50);
    up.created(0);
    up.sent(50, 100);
    up.failed(Failure::Expired, 200);
    EXPECT_EQ(up.step(), Step::Create);
    up.created(1300);
    EXPECT_EQ(up.next_chunk(), (Chunk{0, 50}));
}

TEST(TusUpload, RefusalFailsAtOnceWithTheServersMessage) {
    auto up = start(100, 50);
    up.failed(Failure::Refused, 0, "the file is larger than the limit");
    EXPECT_EQ(up.step(), Step::Failed);
    EXPECT_EQ(up.failure_message(), "the file is larger than the limit");
    up.created(10); // ignored once failed
    EXPECT_EQ(up.step(), Step::Failed);
}

TEST(TusUpload, RetriesRunOutWithoutProgressAndRestartAfterIt) {
    auto up = start(100, 50, tus::RetryPolicy{{100, 200}});
    up.created(0);
    up.failed(Failure::Network, 0);
    EXPECT_EQ(up.ready_at_ms(), 100);
    up.resumed(0, 100, 100);
    up.failed(Failure::Network, 150);
    EXPECT_EQ(up.ready_at_ms(), 350);
    up.resumed(10, 100, 350); // progress: the count starts again
    up.failed(Failure::ServerError, 400);
    EXPECT_EQ(up.ready_at_ms(), 500);
    up.resumed(10, 100, 500);
    up.failed(Failure::Network, 600);
    EXPECT_EQ(up.step(), Step::Ask);
    up.resumed(10, 100, 800);
    up.failed(Failure::Network, 900);
    EXPECT_EQ(up.step(), Step::Failed);
    EXPECT_FALSE(up.failure_message().empty());
}

TEST(TusUpload, CreationFailureCreatesAgain) {
    auto up = start(100, 50);
    up.failed(Failure::Network, 0);
    EXPECT_EQ(up.step(), Step::Create);
    EXPECT_EQ(up.ready_at_ms(), 1000);
}

TEST(TusUpload, ProgressSpeedAndTimeLeft) {
    auto up = start(10'000'000, 1'000'000);
    EXPECT_FALSE(up.progress(0).bytes_per_second);
    up.created(0);
    EXPECT_FALSE(up.progress(100).bytes_per_second); // too early to say
    // 1 MB per second, reported every 100 ms.
    std::uint64_t in_chunk = 0;
    for (std::int64_t t = 100; t <= 4000; t += 100) {
        in_chunk += 100'000;
        if (in_chunk == 1'000'000) {
            up.sent(up.next_chunk().offset + in_chunk, t);
            in_chunk = 0;
        } else {
            up.sending(in_chunk, t);
        }
    }
    auto p = up.progress(4000);
    EXPECT_EQ(p.sent, 4'000'000u);
    EXPECT_EQ(p.confirmed, 4'000'000u);
    EXPECT_DOUBLE_EQ(p.fraction, 0.4);
    ASSERT_TRUE(p.bytes_per_second);
    EXPECT_NEAR(*p.bytes_per_second, 1'000'000.0, 1.0);
    ASSERT_TRUE(p.seconds_left);
    EXPECT_NEAR(*p.seconds_left, 6.0, 0.01);
    // Nothing moves for a while: the speed falls, and after a whole window it is 0, time unknown.
    p = up.progress(8000);
    EXPECT_LT(*p.bytes_per_second, 600'000.0);
    p = up.progress(20000);
    EXPECT_DOUBLE_EQ(*p.bytes_per_second, 0.0);
    EXPECT_FALSE(p.seconds_left);
}
