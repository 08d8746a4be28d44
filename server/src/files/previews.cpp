#include "files/previews.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <thread>
#include <vector>

#include "files/chunk_reader.hpp"
#include "files/file_hash.hpp"
#include "files/upload_sink.hpp"
#include "log.hpp"
#include "repositories/file_repository.hpp"

extern char** environ;

namespace mimamori::files {
namespace fs = std::filesystem;

namespace {

// A directory removed with everything in it when the conversion ends.
struct TempDir {
    fs::path path;
    TempDir() {
        char pattern[] = "/tmp/mimamori-preview-XXXXXX";
        if (!::mkdtemp(pattern)) throw std::runtime_error("cannot create a directory for the conversion");
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// Runs `args` (args[0] looked up on PATH) with stdout and stderr to `log`, HOME at `home`, and
// waits at most `timeout` (or until `stop` says so); true when it exited with status 0.
bool run_program(const std::vector<std::string>& args, const fs::path& log, const fs::path& home,
                 std::chrono::seconds timeout, const std::function<bool()>& stop, std::string& why) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> env_strings{"HOME=" + home.string()};
    for (char** e = environ; *e; ++e)
        if (std::string_view(*e).rfind("HOME=", 0) != 0) env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // The server blocks SIGTERM and ignores SIGPIPE (main.cpp); the converter must not inherit that.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    pid_t pid = -1;
    int spawned = ::posix_spawnp(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) {
        why = "cannot start " + args[0];
        return false;
    }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
            why = "the converter failed (status " + std::to_string(status) + ")";
            return false;
        }
        if (std::chrono::steady_clock::now() > deadline || stop()) {
            ::kill(-pid, SIGKILL); // its own process group: LibreOffice's helpers too
            ::waitpid(pid, &status, 0);
            why = stop() ? "the server stopped" : "the conversion took longer than " + std::to_string(timeout.count()) + " s";
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

// The file's bytes into `path`, each chunk checked.
Status export_file(const std::string& url, std::int64_t file_id, std::uint64_t size, const fs::path& path) {
    std::ofstream out(path, std::ios::binary);
    ReaderConnection reader(url);
    for (std::uint64_t position = 0; position < size;) {
        auto chunk = reader.read(file_id, position);
        if (!chunk) return chunk.error();
        auto from = position - chunk->first_byte;
        out.write(chunk->data.data() + from, static_cast<std::streamsize>(chunk->data.size() - from));
        position = chunk->first_byte + chunk->data.size();
    }
    out.close();
    if (!out) return Error::make(ErrorCode::Internal, "cannot write the file for the converter");
    return {};
}

// The PDF into a new preview file of `source`, row by row, in one transaction.
std::int64_t store_preview(db::Tx& tx, const repositories::FileRow& source, const fs::path& pdf) {
    std::ifstream in(pdf, std::ios::binary);
    auto size = static_cast<std::uint64_t>(fs::file_size(pdf));
    repositories::NewFile f;
    f.kind = "preview";
    f.owner_kind = source.owner_kind;
    f.owner_id = source.owner_id;
    f.patient_id = source.patient_id;
    f.derived_from = source.id;
    f.name = fs::path(source.name).stem().string() + ".pdf";
    f.declared_media_type = "application/pdf";
    f.size = size;
    auto id = repositories::insert_file(tx, f);
    FileHash hash;
    std::string buffer(k_chunk_bytes, '\0');
    for (std::uint64_t position = 0; position < size;) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) throw std::runtime_error("the PDF ended early");
        std::string_view bytes(buffer.data(), n);
        repositories::insert_chunk(tx, id, position, bytes, to_string(chunk_digest(id, position, bytes)));
        hash.update(bytes);
        position += n;
    }
    repositories::mark_complete(tx, id, std::string("pdf"), "application/pdf", f.name, to_string(hash.digest()));
    return id;
}

} // namespace

bool has_office_preview(FileType type) {
    switch (type) {
    case FileType::Docx: case FileType::Xlsx: case FileType::Pptx:
    case FileType::Doc: case FileType::Xls: case FileType::Ppt:
        return true;
    default:
        return false;
    }
}

std::string find_soffice() {
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "/usr/bin:/bin";
    while (!rest.empty()) {
        auto colon = std::min(rest.find(':'), rest.size());
        fs::path candidate = fs::path(rest.substr(0, colon)) / "soffice";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        rest.remove_prefix(std::min(colon + 1, rest.size()));
    }
    return "";
}

PreviewMaker::PreviewMaker(db::Database& database, std::string soffice, std::chrono::seconds timeout)
    : m_database(database), m_soffice(std::move(soffice)), m_timeout(timeout) {
    if (available()) m_thread = std::thread([this] { run(); });
}

PreviewMaker::~PreviewMaker() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void PreviewMaker::request(std::int64_t file_id) {
    if (!available()) return;
    {
        std::lock_guard lock(m_mutex);
        if (std::find(m_queue.begin(), m_queue.end(), file_id) != m_queue.end()) return;
        m_queue.push_back(file_id);
    }
    m_changed.notify_all();
}

void PreviewMaker::run() {
    while (true) {
        std::int64_t file_id = 0;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            file_id = m_queue.front();
            m_queue.pop_front();
        }
        bool claimed = false;
        try {
            // Claimed here, on this thread: a request handler never waits for it.
            claimed = m_database.transact([&](db::Tx& tx) { return repositories::claim_preview(tx, file_id, k_stale_seconds); });
            if (claimed) convert(file_id);
        } catch (const std::exception& e) {
            log::error("preview of file " + std::to_string(file_id) + ": " + e.what());
            if (claimed) {
                try {
                    m_database.transact([&](db::Tx& tx) {
                        repositories::finish_preview(tx, file_id, "failed", std::nullopt, "the preview could not be stored");
                    });
                } catch (const std::exception&) { // the database is gone: the claim goes stale and is taken over
                }
            }
        }
    }
}

void PreviewMaker::convert(std::int64_t file_id) {
    auto fail = [&](const std::string& why) {
        log::warning("no PDF preview of file " + std::to_string(file_id) + ": " + why);
        m_database.transact([&](db::Tx& tx) { repositories::finish_preview(tx, file_id, "failed", std::nullopt, why); });
    };
    auto source = m_database.transact([&](db::Tx& tx) { return repositories::find_file(tx, file_id); });
    auto type = source && source->file_type ? file_type_from_code(*source->file_type) : std::nullopt;
    if (!source || !source->complete || !type || !has_office_preview(*type)) return fail("not an Office file");

    TempDir dir;
    std::string extension(info(*type).extensions.substr(0, info(*type).extensions.find(' ')));
    fs::path input = dir.path / ("source." + extension);
    if (auto exported = export_file(m_database.url(), file_id, source->size, input); !exported)
        return fail(exported.error().message);
    fs::create_directories(dir.path / "out");
    std::string why;
    bool converted = run_program({m_soffice, "--headless", "--norestore", "--nolockcheck",
                                  "-env:UserInstallation=file://" + (dir.path / "profile").string(), "--convert-to", "pdf",
                                  "--outdir", (dir.path / "out").string(), input.string()},
                                 dir.path / "soffice.log", dir.path,
                                 m_timeout, [this] { std::lock_guard lock(m_mutex); return m_stopping; }, why);
    fs::path pdf = dir.path / "out" / "source.pdf";
    if (!converted) return fail(why);
    std::error_code ec;
    if (!fs::is_regular_file(pdf, ec) || fs::file_size(pdf, ec) == 0) return fail("LibreOffice made no PDF");
    std::string head(5, '\0');
    std::ifstream(pdf, std::ios::binary).read(head.data(), 5);
    if (head != "%PDF-") return fail("LibreOffice's output is not a PDF");
    m_database.transact([&](db::Tx& tx) {
        auto preview = store_preview(tx, *source, pdf);
        repositories::finish_preview(tx, file_id, "ready", preview, "");
    });
    log::info("PDF preview of file " + std::to_string(file_id) + " made");
}

} // namespace mimamori::files
