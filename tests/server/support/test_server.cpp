#include "support/test_server.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mimamori::test {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

struct WebRoot {
    fs::path base; // holds "web" (the root) and "outside" (what symlinks must not reach)

    WebRoot() {
        char pattern[] = "/tmp/mimamori-web-XXXXXX";
        base = ::mkdtemp(pattern);
        fs::path web = base / "web";
        write_file(web / "index.html", "<!doctype html><title>Mimamori</title><script src=\"app.js\"></script>\n");
        write_file(web / "app.js", std::string(2000, 'j') + "\n");
        write_file(web / "app.wasm", std::string("\0asm\1\0\0\0", 8));
        write_file(web / "app.css", "body { margin: 0 }\n");
        write_file(web / "font.ttf", std::string("\0\1\0\0", 4));
        write_file(web / "icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        write_file(web / "favicon.ico", std::string("\0\0\1\0", 4));
        write_file(web / "image.png", "\x89PNG\r\n\x1a\n");
        write_file(web / "data.json", "{\"a\":1}\n");
        write_file(web / "sub/page.html", "<p>sub</p>\n");
        write_file(web / ".secret", "dotfile\n");
        std::string big;
        for (int i = 0; big.size() < 3 * 1024 * 1024; ++i) big += "block " + std::to_string(i) + "\n";
        write_file(web / "big.bin", big);
        for (int i = 0; i < 16; ++i) {
            std::string name = "stress/" + std::to_string(i) + ".txt";
            std::string content;
            for (int n = 0; n < 1 << (i % 12); ++n) content += name + "\n";
            write_file(web / name, content);
        }
        write_file(base / "outside/secret.txt", "outside the root\n");
        fs::create_symlink(base / "outside/secret.txt", web / "escape.txt");
        fs::create_directory_symlink(base / "outside", web / "linked");
        fs::create_symlink("app.css", web / "alias.css"); // a symlink that stays inside is fine
        if (std::system(("gzip -9 -n -k " + (web / "app.js").string()).c_str()) != 0)
            throw std::runtime_error("gzip failed");
    }
    ~WebRoot() {
        std::error_code ec;
        fs::remove_all(base, ec);
    }
};

// Where the test servers' secret key file is created (by the first server, like in production).
struct KeyDirectory {
    fs::path path;
    KeyDirectory() {
        char pattern[] = "/tmp/mimamori-key-XXXXXX";
        path = ::mkdtemp(pattern);
    }
    ~KeyDirectory() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

} // namespace

const fs::path& test_web_root() {
    static WebRoot root;
    static fs::path web = root.base / "web";
    return web;
}

std::string read_web_file(const std::string& relative) {
    std::ifstream in(test_web_root() / relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

server::Config test_config(const std::string& database_url) {
    server::Config c = server::default_config();
    c.address = "127.0.0.1";
    c.port = 0;
    c.database_url = database_url;
    c.web_root = test_web_root();
    c.threads = 4;
    c.test_routes = true;
    // Fast hashes, and a key file the first test server creates (as production servers do).
    c.password_hash_limits = "minimum";
    static const KeyDirectory keys;
    c.secret_key_file = keys.path / "secret.key";
    return c;
}

std::unique_ptr<server::Server> start_server(const server::Config& config) {
    auto s = std::make_unique<server::Server>(config);
    if (auto started = s->start(); !started) throw std::runtime_error("the server did not start: " + started.error().message);
    return s;
}

void ServerTest::SetUpTestSuite() {
    s_setup_error.clear();
    try {
        s_database = std::make_unique<TestDatabase>();
    } catch (const std::exception& e) {
        s_setup_error = e.what();
    }
}

void ServerTest::TearDownTestSuite() { s_database.reset(); }

void ServerTest::SetUp() {
    ASSERT_TRUE(s_setup_error.empty()) << s_setup_error;
    auto config = test_config(s_database->url());
    configure(config);
    m_server = start_server(config);
    s_database->clear_data();
}

void ServerTest::TearDown() { m_server.reset(); }

HttpResponse ServerTest::get(const std::string& target, const HeaderList& headers) {
    return http_request(port(), "GET", target, headers);
}

HttpResponse ServerTest::post_json(const std::string& target, const Json& body, HeaderList headers) {
    headers.emplace_back("Content-Type", "application/json");
    return http_request(port(), "POST", target, headers, body.dump());
}

} // namespace mimamori::test
