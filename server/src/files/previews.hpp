#pragma once
// PDF previews of Office files made by LibreOffice (`soffice --headless --convert-to pdf`), when
// the server has it: one conversion at a time on a thread of its own (never on a request's
// worker: a conversion takes seconds and a lot of memory), the result kept as a derived file
// (files.kind 'preview', gone with its source) and served like any file.
//
// The state of each preview is in file_previews, so several server processes share the work: a
// conversion is claimed there first, and one whose server stopped is taken over after a while.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.hpp"
#include "mimamori/common/file_types.hpp"

namespace mimamori::files {

// Office types that get a PDF preview.
bool has_office_preview(FileType type);

class PreviewMaker {
public:
    // `soffice`: LibreOffice's program, or empty when previews are off.
    PreviewMaker(db::Database& database, std::string soffice, std::chrono::seconds timeout);
    ~PreviewMaker(); // stops the thread (a conversion under way is killed)
    PreviewMaker(const PreviewMaker&) = delete;
    PreviewMaker& operator=(const PreviewMaker&) = delete;

    bool available() const { return !m_soffice.empty(); }
    // Claims the preview of `file_id` unless it is made or being made, and queues it. Uses its
    // own transaction (the claim must be visible to other servers at once).
    void request(std::int64_t file_id);

    // A conversion that has not changed state for this long was abandoned (its server stopped).
    static constexpr int k_stale_seconds = 600;

private:
    void run();
    void convert(std::int64_t file_id);

    db::Database& m_database;
    std::string m_soffice;
    std::chrono::seconds m_timeout;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::int64_t> m_queue;
    bool m_stopping = false;
    std::thread m_thread;
};

// "soffice" as found on PATH, or "" when LibreOffice is not installed.
std::string find_soffice();

} // namespace mimamori::files
