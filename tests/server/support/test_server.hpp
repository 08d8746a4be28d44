#pragma once
// Servers for tests: started in-process on 127.0.0.1, port 0, against a fresh database, with a
// web root of known files. ServerTest is the fixture most server tests derive from.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "server.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace mimamori::test {

// A directory of files with known contents (see test_server.cpp): index.html, app.js (+ .gz),
// app.wasm, app.css, font.ttf, icon.svg, favicon.ico, image.png, data.json, sub/page.html,
// big.bin (3 MiB), stress/0.txt .. stress/15.txt, a dotfile, and symlinks leading outside.
// Made once per process; removed at exit.
const std::filesystem::path& test_web_root();
// The content of a file below test_web_root().
std::string read_web_file(const std::string& relative);

// The configuration tests start from: 127.0.0.1:0, 4 threads, test routes on.
server::Config test_config(const std::string& database_url);

// A Server started in-process; throws std::runtime_error when it does not start.
std::unique_ptr<server::Server> start_server(const server::Config& config);

// A fresh database for each test suite, emptied of data before each test, and a server for each
// test on it. Derived fixtures adjust the server's configuration in configure().
class ServerTest : public ::testing::Test {
public:
    static void SetUpTestSuite();
    static void TearDownTestSuite();

protected:
    void SetUp() override;
    void TearDown() override;
    virtual void configure(server::Config&) {}

    static TestDatabase& database() { return *s_database; }
    server::Server& server() { return *m_server; }
    std::uint16_t port() const { return m_server->port(); }

    HttpResponse get(const std::string& target, const HeaderList& headers = {});
    HttpResponse post_json(const std::string& target, const Json& body, HeaderList headers = {});

private:
    static inline std::unique_ptr<TestDatabase> s_database;
    static inline std::string s_setup_error;
    std::unique_ptr<server::Server> m_server;
};

} // namespace mimamori::test
