// Range requests for downloads and video seeking (http_range.hpp).
#include <gtest/gtest.h>

#include "mimamori/common/http_range.hpp"

using namespace mimamori::http;

namespace {

ByteRange partial(std::string_view header, std::uint64_t size) {
    const auto d = decide_range(header, size);
    EXPECT_EQ(d.outcome, RangeOutcome::Partial) << header << " of " << size << ": " << d.reason;
    EXPECT_TRUE(d.reason.empty());
    return d.range;
}

RangeOutcome outcome(std::string_view header, std::uint64_t size) { return decide_range(header, size).outcome; }

} // namespace

TEST(HttpRange, SingleRanges) {
    EXPECT_EQ(partial("bytes=0-0", 1000), (ByteRange{0, 0}));
    EXPECT_EQ(partial("bytes=0-0", 1000).length(), 1u);
    EXPECT_EQ(partial("bytes=0-99", 1000), (ByteRange{0, 99}));
    EXPECT_EQ(partial("bytes=999-999", 1000), (ByteRange{999, 999})); // the last byte
    EXPECT_EQ(partial("bytes=500-", 1000), (ByteRange{500, 999}));
    EXPECT_EQ(partial("bytes=-1", 1000), (ByteRange{999, 999}));
    EXPECT_EQ(partial("bytes=-100", 1000), (ByteRange{900, 999}));
    EXPECT_EQ(partial("Bytes=0-1", 1000), (ByteRange{0, 1})); // the unit is case-insensitive
    EXPECT_EQ(partial("bytes= 5-6 ", 1000), (ByteRange{5, 6}));
}

TEST(HttpRange, ClampedToTheFile) {
    EXPECT_EQ(partial("bytes=0-5000", 1000), (ByteRange{0, 999}));
    EXPECT_EQ(partial("bytes=-5000", 1000), (ByteRange{0, 999}));
    EXPECT_EQ(partial("bytes=10-99999999999999999999999", 1000), (ByteRange{10, 999}));
    EXPECT_EQ(partial("bytes=-99999999999999999999999", 1000), (ByteRange{0, 999}));
}

TEST(HttpRange, Unsatisfiable) {
    EXPECT_EQ(outcome("bytes=1000-", 1000), RangeOutcome::Unsatisfiable); // one past the end
    EXPECT_EQ(outcome("bytes=1000-1000", 1000), RangeOutcome::Unsatisfiable);
    EXPECT_EQ(outcome("bytes=5000-6000", 1000), RangeOutcome::Unsatisfiable);
    EXPECT_EQ(outcome("bytes=99999999999999999999999-", 1000), RangeOutcome::Unsatisfiable);
    EXPECT_EQ(outcome("bytes=-0", 1000), RangeOutcome::Unsatisfiable);
    EXPECT_EQ(outcome("bytes=0-", 0), RangeOutcome::Unsatisfiable);
    EXPECT_EQ(outcome("bytes=-5", 0), RangeOutcome::Unsatisfiable);
    EXPECT_FALSE(decide_range("bytes=-0", 1000).reason.empty());
}

TEST(HttpRange, IgnoredRangesServeTheWholeFile) {
    for (std::string_view header : {"", "items=0-5", "bytes", "bytes=", "bytes=abc", "bytes=5", "bytes=5-3", "bytes=-",
                                    "bytes=1-2-3", "bytes=0-1,5-9", "bytes=-5,0-1", "bytes=+1-2", "bytes=0x1-2"}) {
        const auto d = decide_range(header, 1000);
        EXPECT_EQ(d.outcome, RangeOutcome::Full) << header;
        EXPECT_EQ(d.range, (ByteRange{0, 999})) << header;
        EXPECT_FALSE(d.reason.empty()) << header;
    }
    EXPECT_EQ(decide_range("bytes=0-1,5-9", 1000).reason, "more than one range");
    EXPECT_EQ(decide_range("bytes=5-3", 1000).reason, "range ends before it starts");
}

TEST(HttpRange, ContentRangeHeaders) {
    EXPECT_EQ(content_range(ByteRange{0, 99}, 1000), "bytes 0-99/1000");
    EXPECT_EQ(content_range(ByteRange{999, 999}, 1000), "bytes 999-999/1000");
    EXPECT_EQ(unsatisfied_content_range(1000), "bytes */1000");
    EXPECT_EQ(content_range(ByteRange{0, 2'147'483'647}, 4'294'967'296), "bytes 0-2147483647/4294967296");
}
