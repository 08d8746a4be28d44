#pragma once
// The server's file store (issue 7): its limits and accepted types, the threads that read file
// contents for downloads, and the PDF preview maker. One per server, reached by handlers through
// RequestContext::services().files. The rules of uploads are in services/uploads.hpp.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "db/database.hpp"
#include "files/chunk_reader.hpp"
#include "files/previews.hpp"
#include "mimamori/common/file_types.hpp"

namespace mimamori::services {

struct FileSettings {
    std::uint64_t max_upload_bytes = 2ull << 30; // Tus-Max-Size: larger uploads are refused at creation
    files::AcceptList accepted = files::AcceptList::all();
    std::string soffice;                          // LibreOffice for Office previews; empty: none
    std::chrono::seconds conversion_timeout{120};
    std::size_t reader_threads = 4;               // threads (and database connections) reading files
};

class Files {
public:
    Files(db::Database& database, FileSettings settings)
        : m_database(database), m_settings(std::move(settings)),
          m_reader(database.url(), m_settings.reader_threads),
          m_previews(database, m_settings.soffice, m_settings.conversion_timeout) {}

    db::Database& database() { return m_database; }
    const FileSettings& settings() const { return m_settings; }
    files::ChunkReader& reader() { return m_reader; }
    files::PreviewMaker& previews() { return m_previews; }

private:
    db::Database& m_database;
    FileSettings m_settings;
    files::ChunkReader m_reader;
    files::PreviewMaker m_previews;
};

} // namespace mimamori::services
