// The web bundle: types, gzip, validators, HEAD, and every way out of the root refused.
#include <gtest/gtest.h>

#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

using StaticFiles = ServerTest;

TEST_F(StaticFiles, RootServesIndexHtmlNotCached) {
    auto r = get("/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, read_web_file("index.html"));
    EXPECT_EQ(r.header("Content-Type").value_or(""), "text/html; charset=utf-8");
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-cache");
    EXPECT_EQ(get("/index.html").body, r.body);
}

TEST_F(StaticFiles, ContentTypesByExtension) {
    const std::pair<const char*, const char*> expected[] = {
        {"/app.js", "text/javascript; charset=utf-8"}, {"/app.wasm", "application/wasm"},
        {"/app.css", "text/css; charset=utf-8"},        {"/font.ttf", "font/ttf"},
        {"/icon.svg", "image/svg+xml"},                 {"/favicon.ico", "image/x-icon"},
        {"/image.png", "image/png"},                    {"/data.json", "application/json"},
        {"/sub/page.html", "text/html; charset=utf-8"},
    };
    for (const auto& [path, type] : expected) {
        auto r = get(path);
        SCOPED_TRACE(path);
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.header("Content-Type").value_or(""), type);
        EXPECT_EQ(r.body, read_web_file(std::string(path).substr(1)));
    }
}

TEST_F(StaticFiles, GzipSiblingWhenAccepted) {
    auto gz = get("/app.js", {{"Accept-Encoding", "br, gzip"}});
    EXPECT_EQ(gz.header("Content-Encoding").value_or(""), "gzip");
    EXPECT_EQ(gz.header("Vary").value_or(""), "Accept-Encoding");
    EXPECT_EQ(gz.header("Content-Type").value_or(""), "text/javascript; charset=utf-8");
    EXPECT_EQ(gz.body, read_web_file("app.js.gz"));

    auto plain = get("/app.js");
    EXPECT_FALSE(plain.header("Content-Encoding").has_value());
    EXPECT_EQ(plain.header("Vary").value_or(""), "Accept-Encoding");
    EXPECT_EQ(plain.body, read_web_file("app.js"));
    EXPECT_NE(plain.header("ETag"), gz.header("ETag"));

    auto refused = get("/app.js", {{"Accept-Encoding", "gzip;q=0"}});
    EXPECT_EQ(refused.body, read_web_file("app.js"));
    // No sibling: plain, and nothing varies.
    auto css = get("/app.css", {{"Accept-Encoding", "gzip"}});
    EXPECT_FALSE(css.header("Content-Encoding").has_value());
    EXPECT_FALSE(css.header("Vary").has_value());
}

TEST_F(StaticFiles, MatchingETagIs304WithoutBody) {
    auto first = get("/app.wasm");
    auto etag = first.header("ETag").value_or("");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(etag.front(), '"'); // strong
    auto again = get("/app.wasm", {{"If-None-Match", "\"other\", " + etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("ETag").value_or(""), etag);
    EXPECT_EQ(get("/app.wasm", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(StaticFiles, HeadSendsLengthButNoBody) {
    HttpConnection c(port());
    auto head = c.request("HEAD", "/big.bin");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("Content-Length").value_or(""), std::to_string(read_web_file("big.bin").size()));
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(c.request("GET", "/app.css").body, read_web_file("app.css")); // still in step
}

TEST_F(StaticFiles, LargeFileArrivesWhole) {
    EXPECT_EQ(get("/big.bin").body, read_web_file("big.bin"));
}

TEST_F(StaticFiles, NothingOutsideTheRootOrHidden) {
    for (const char* target : {"/../outside/secret.txt", "/%2e%2e/outside/secret.txt", "/sub/../../outside/secret.txt",
                               "/.secret", "/%2esecret", "/escape.txt", "/linked/secret.txt", "/sub/./page.html",
                               "/sub//page.html", "/missing.js", "/sub"}) {
        auto r = get(target);
        SCOPED_TRACE(target);
        EXPECT_EQ(r.status, 404);
        EXPECT_EQ(r.error_code(), "not_found");
        EXPECT_EQ(r.body.find("outside the root"), std::string::npos);
        EXPECT_EQ(r.body.find("dotfile"), std::string::npos);
    }
    EXPECT_EQ(get("/alias.css").body, read_web_file("app.css")); // a link that stays inside
}

class StaticFilesWithoutBundle : public ServerTest {
protected:
    void configure(server::Config& c) override { c.web_root = "/nonexistent/mimamori-web"; }
};

TEST_F(StaticFilesWithoutBundle, EveryFileIs404AndTheApiStillWorks) {
    EXPECT_EQ(get("/").status, 404);
    EXPECT_EQ(get("/api/v1/health").status, 200);
}

} // namespace
} // namespace mimamori::test
