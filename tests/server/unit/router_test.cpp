// The router and request-target decoding, without a server.
#include <gtest/gtest.h>

#include <stdexcept>

#include "http/context.hpp"
#include "http/router.hpp"

namespace mimamori::http {
namespace {

Handler answer(int status) {
    return [status](const Request&, RequestContext&) -> Result<Response> { return Response::json(status, Json::object()); };
}

Request parsed(const std::string& target) {
    Request r;
    r.target = target;
    EXPECT_TRUE(r.parse_target().ok()) << target;
    return r;
}

Router make_sample() {
    Router router;
    router.add("GET", "/api/v1/patients", answer(200));
    router.add("POST", "/api/v1/patients", answer(201));
    router.add("GET", "/api/v1/patients/:id", answer(200));
    router.add("GET", "/api/v1/patients/new", answer(200));
    router.add("DELETE", "/api/v1/patients/:id", answer(204));
    router.add("GET", "/api/v1/files/*path", answer(200));
    return router;
}

// Matches point into the router: it must outlive them.
const Router& sample() {
    static const Router router = make_sample();
    return router;
}

TEST(Router, MatchesParametersAndDecodesThem) {
    auto m = sample().match("GET", parsed("/api/v1/patients/a%20b").segments);
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/v1/patients/:id");
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0].second, "a b");
}

TEST(Router, PrefersLiteralSegmentsOverParameters) {
    auto m = sample().match("GET", parsed("/api/v1/patients/new").segments);
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->pattern, "/api/v1/patients/new");
}

TEST(Router, WildcardTakesTheRestOfThePath) {
    auto m = sample().match("GET", parsed("/api/v1/files/a/b/c.pdf").segments);
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.at(0).second, "a/b/c.pdf");
}

TEST(Router, HeadFallsBackToGet) {
    auto m = sample().match("HEAD", parsed("/api/v1/patients").segments);
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.route->method, "GET");
}

TEST(Router, ListsAllowedMethodsWhenOnlyTheMethodIsWrong) {
    auto m = sample().match("PUT", parsed("/api/v1/patients/7").segments);
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allowed, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
}

TEST(Router, UnknownPathMatchesNothing) {
    for (const char* target : {"/api/v1/nothing", "/api/v1/patients/", "/api/v1/patients/7/x", "/"}) {
        auto m = sample().match("GET", parsed(target).segments);
        EXPECT_EQ(m.route, nullptr) << target;
        EXPECT_TRUE(m.allowed.empty()) << target;
    }
}

TEST(Router, RefusesDuplicateAndMalformedRoutes) {
    Router router = make_sample();
    EXPECT_THROW(router.add("GET", "/api/v1/patients", answer(200)), std::logic_error);
    EXPECT_THROW(router.add("GET", "api/v1/x", answer(200)), std::logic_error);
    EXPECT_THROW(router.add("GET", "/api/v1/*rest/x", answer(200)), std::logic_error); // "*name" only last
}

// Routes are ruled out by their length before any segment is compared; a last "*name" still
// matches paths of any length from its position on, and the most specific route still wins.
TEST(Router, PathsOfOtherLengthsMatchOnlyAWildcard) {
    Router router;
    router.add("GET", "/api/v1/files/*path", answer(200));
    router.add("GET", "/api/v1/files/:id/meta", answer(201));
    router.add("GET", "/api/v1/files/:id", answer(202));
    auto match = [&](const std::string& target) {
        auto r = parsed(target);
        auto m = router.match("GET", r.segments);
        return m.route ? m.route->pattern : std::string("none");
    };
    EXPECT_EQ(match("/api/v1/files/7/meta"), "/api/v1/files/:id/meta");
    EXPECT_EQ(match("/api/v1/files/7/meta/x/y"), "/api/v1/files/*path");
    EXPECT_EQ(match("/api/v1/files/7"), "/api/v1/files/*path"); // as specific, added first
    EXPECT_EQ(match("/api/v1/files"), "/api/v1/files/*path");
    EXPECT_EQ(match("/api/v1"), "none");
    EXPECT_EQ(match("/api/v2/files/7/meta"), "none");
}

TEST(RequestTarget, SplitsPathAndDecodesQuery) {
    Request r = parsed("/a/b%2Bc?x=1&y=hello+world&z=%E3%81%BF&flag");
    EXPECT_EQ(r.path, "/a/b%2Bc");
    EXPECT_EQ(r.segments, (std::vector<std::string>{"a", "b+c"}));
    EXPECT_EQ(r.query_param("y").value_or(""), "hello world");
    EXPECT_EQ(r.query_param("z").value_or(""), "\xE3\x81\xBF");
    EXPECT_TRUE(r.query_param("flag").has_value());
    EXPECT_FALSE(r.query_param("missing").has_value());
}

TEST(RequestTarget, RefusesWhatCouldEscapeAPath) {
    for (const char* target : {"/a%2Fb", "/a%00b", "/a%zz", "/a%2", "relative", "*"}) {
        Request r;
        r.target = target;
        auto status = r.parse_target();
        EXPECT_FALSE(status.ok()) << target;
    }
}

TEST(RequestCookies, FindsACookieAmongSeveral) {
    Request r;
    r.headers.add("Cookie", "a=1; session=\"abc\"; b=2");
    EXPECT_EQ(r.cookie("session").value_or(""), "abc");
    EXPECT_EQ(r.cookie("b").value_or(""), "2");
    EXPECT_FALSE(r.cookie("sess").has_value());
}

TEST(HeaderLists, FindTokensIgnoringCaseParametersAndZeroQuality) {
    EXPECT_TRUE(list_has_token("deflate, GZip;q=0.5", "gzip"));
    EXPECT_FALSE(list_has_token("deflate, gzip;q=0", "gzip"));
    EXPECT_FALSE(list_has_token("gzip;q=0.000", "gzip"));
    EXPECT_TRUE(list_has_token("gzip;q=0.001", "gzip"));
    EXPECT_FALSE(list_has_token("xgzip", "gzip"));
    EXPECT_TRUE(list_has_token("keep-alive, close", "close"));
}

} // namespace
} // namespace mimamori::http
