// Server-Sent Events formatting, reading and Last-Event-ID (sse.hpp).
#include <gtest/gtest.h>

#include "mimamori/common/sse.hpp"

using namespace mimamori;

TEST(Sse, FormatsAnEvent) {
    EXPECT_EQ(sse::format(sse::Event{42, "memo", R"({"type":"memo","memo":7,"patient":3})", std::nullopt}),
              "id: 42\nevent: memo\ndata: {\"type\":\"memo\",\"memo\":7,\"patient\":3}\n\n");
    EXPECT_EQ(sse::format(sse::Event{std::nullopt, "", "x", 5000}), "retry: 5000\ndata: x\n\n");
    EXPECT_EQ(sse::format(sse::Event{}), "data: \n\n");
    EXPECT_EQ(sse::comment("keep-alive"), ": keep-alive\n\n");
    EXPECT_EQ(sse::comment("a\nb"), ": a b\n\n");
}

TEST(Sse, MultiLineDataIsSplitOnEveryLineEnd) {
    EXPECT_EQ(sse::format(sse::Event{1, "", "一行目\n二行目\r\n三行目\r四行目", std::nullopt}),
              "id: 1\ndata: 一行目\ndata: 二行目\ndata: 三行目\ndata: 四行目\n\n");
    EXPECT_EQ(sse::format(sse::Event{std::nullopt, "", "a\n\nb\n", std::nullopt}), "data: a\ndata: \ndata: b\ndata: \n\n");
    EXPECT_EQ(sse::format(sse::Event{std::nullopt, "", " leading", std::nullopt}), "data:  leading\n\n");
}

TEST(Sse, ReaderGetsBackWhatWasFormatted) {
    const std::vector<sse::Event> events{
        {1, "memo", "{\"a\":1}", std::nullopt},
        {2, "", "line1\nline2\n\nline4", std::nullopt},
        {3, "read", " spaced ", 3000},
        {4, "", "", std::nullopt},
    };
    std::string stream = "\xEF\xBB\xBF: hello\n\n";
    for (const auto& e : events) stream += sse::format(e);
    // Every split of the stream into two pieces reads the same events.
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
        sse::Reader reader;
        auto got = reader.feed(stream.substr(0, cut));
        auto rest = reader.feed(stream.substr(cut));
        got.insert(got.end(), rest.begin(), rest.end());
        ASSERT_EQ(got, events) << "cut at " << cut;
        EXPECT_EQ(reader.last_event_id(), "4");
        EXPECT_EQ(reader.retry_ms(), 3000);
    }
}

TEST(Sse, ReaderFollowsTheBrowserRules) {
    sse::Reader reader;
    // CRLF split across pieces, CR alone, a field without colon, no space after the colon,
    // unknown fields, an id with NUL ignored, a bad retry ignored, data-less blocks not dispatched.
    using namespace std::string_view_literals;
    auto events = reader.feed("data:a\r"sv);
    EXPECT_TRUE(events.empty());
    events = reader.feed("\ndata\r\rid: 9\nevent: x\nfoo: bar\n\nid: 1\0" "2\nretry: 1s\ndata: b\n\nevent: y\n\n"sv);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].data, "a\n");
    EXPECT_EQ(events[0].type, "");
    EXPECT_EQ(events[1].data, "b");
    EXPECT_EQ(events[1].id, 9);
    EXPECT_EQ(events[1].retry_ms, std::nullopt);
    EXPECT_EQ(reader.last_event_id(), "9");
}

TEST(Sse, LastEventId) {
    EXPECT_EQ(*sse::parse_last_event_id("0"), 0);
    EXPECT_EQ(*sse::parse_last_event_id("42"), 42);
    EXPECT_EQ(*sse::parse_last_event_id("9223372036854775807"), 9223372036854775807);
    EXPECT_EQ(*sse::parse_last_event_id("007"), 7);
    for (std::string_view bad : {"", "-1", "+1", " 42", "42 ", "4 2", "abc", "0x10", "1e3", "42.0",
                                 "9223372036854775808", "18446744073709551616", "１２"}) {
        auto r = sse::parse_last_event_id(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
        EXPECT_EQ(r.error().field, "Last-Event-ID");
    }
}
