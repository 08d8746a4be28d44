// The OpenAPI document describes exactly the routes the server has, so it stays complete as the
// API grows.
#include <gtest/gtest.h>

#include <set>

#include "api/routes.hpp"
#include "server.hpp"
#include "support/test_server.hpp"

namespace mimamori::test {
namespace {

// "/api/v1/patients/:id" -> "/api/v1/patients/{id}" (OpenAPI's spelling).
std::string openapi_path(const std::string& pattern) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if ((pattern[i] == ':' || pattern[i] == '*') && (i == 0 || pattern[i - 1] == '/')) {
            auto end = pattern.find('/', i);
            out += "{" + pattern.substr(i + 1, end - i - 1) + "}";
            i = end == std::string::npos ? pattern.size() : end;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

TEST(OpenApi, DocumentsExactlyTheServersRoutes) {
    server::Config product = server::default_config(); // as in production: no test routes
    http::Router router = server::make_router(product);
    std::set<std::string> routes;
    for (const auto& route : router.routes())
        routes.insert(lower(route.method) + " " + openapi_path(route.pattern));

    Json doc = Json::parse(api::openapi_document());
    std::set<std::string> documented;
    for (const auto& [path, operations] : doc.at("paths").items())
        for (const auto& [method, operation] : operations.items())
            if (method != "parameters") documented.insert(method + " " + path);
    EXPECT_EQ(routes, documented);
}

TEST(OpenApi, IsOpenApi3WithTheErrorShape) {
    Json doc = Json::parse(api::openapi_document());
    EXPECT_EQ(doc.at("openapi").get<std::string>().substr(0, 2), "3.");
    const Json& error = doc.at("components").at("schemas").at("Error");
    EXPECT_EQ(error.at("properties").at("error").at("required"), Json::array({"code", "message"}));
}

TEST(OpenApi, EveryStateChangingOperationTakesAnIdempotencyKey) {
    Json doc = Json::parse(api::openapi_document());
    for (const auto& [path, operations] : doc.at("paths").items()) {
        for (const auto& [method, operation] : operations.items()) {
            if (method != "post" && method != "put" && method != "patch" && method != "delete") continue;
            bool has_key = false;
            for (const auto& p : operation.value("parameters", Json::array()))
                has_key = has_key || p.value("$ref", "") == "#/components/parameters/IdempotencyKey";
            EXPECT_TRUE(has_key) << method << " " << path;
        }
    }
}

using OpenApiServed = ServerTest;

TEST_F(OpenApiServed, AtItsRoute) {
    auto r = get("/api/v1/openapi.json");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("Content-Type").value_or(""), "application/json; charset=utf-8");
    EXPECT_EQ(r.json(), Json::parse(api::openapi_document()));
}

} // namespace
} // namespace mimamori::test
