#include "services/uploads.hpp"

#include <charconv>

#include "log.hpp"
#include "mimamori/common/crypto.hpp"
#include "mimamori/common/encoding.hpp"
#include "mimamori/common/file_names.hpp"

namespace mimamori::services {
namespace {

// The type an extension names, when it names one of ours.
std::optional<files::FileType> type_of_extension(std::string_view extension) {
    for (const auto& t : files::file_types()) {
        std::string_view list = t.extensions;
        while (!list.empty()) {
            auto space = std::min(list.find(' '), list.size());
            if (list.substr(0, space) == extension) return t.value;
            list.remove_prefix(std::min(space + 1, list.size()));
        }
    }
    return std::nullopt;
}

Result<std::int64_t> read_patient(const tus::Metadata& metadata) {
    auto text = metadata.required_text("patient", 20);
    if (!text) return text.error();
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
    if (ec != std::errc{} || end != text->data() + text->size() || id <= 0)
        return Error::invalid("patient", "Upload-Metadata patient must be the patient's id");
    return id;
}

// Removes a refused upload at once, whatever becomes of the request, and says why.
Error refuse(db::Database& database, std::int64_t id, Error why) {
    database.transact([&](db::Tx& tx) { repositories::delete_file(tx, id); });
    log::info("upload " + std::to_string(id) + " refused and deleted: " + why.message);
    return why;
}

// The checks of a complete upload (see finish_patch).
Result<repositories::FileRow> complete(Files& files, std::int64_t id, const files::FileHash& hash, db::UnitOfWork& work) {
    db::Database& database = files.database();
    auto row = database.transact([&](db::Tx& tx) { return repositories::find_file(tx, id); });
    if (!row) return Error::make(ErrorCode::NotFound, "the upload was terminated");
    auto digest = hash.digest();
    if (row->expected_sha256 && !crypto::constant_time_equal(digest, as_bytes(*row->expected_sha256)))
        return refuse(database, id,
                      Error::make(ErrorCode::Unprocessable, "the file's SHA-256 is not the one given in Upload-Metadata"));
    std::optional<std::string> code;
    std::string media_type = "application/octet-stream";
    std::string name = row->name;
    if (row->kind == "professional") {
        auto head = database.transact([&](db::Tx& tx) { return repositories::read_head(tx, id, files::sniff_bytes); });
        auto checked = files::check_upload(row->name, row->declared_media_type, as_bytes(head),
                                           row->size <= files::sniff_bytes, files.settings().accepted);
        if (!checked) return refuse(database, id, checked.error());
        code = std::string(files::info(checked->type).label.code);
        media_type = checked->media_type;
        name = checked->file_name;
    }
    repositories::mark_complete(work.tx(), id, code, media_type, name, to_string(digest));
    row->file_type = code;
    row->media_type = media_type;
    row->name = name;
    row->sha256 = to_string(digest);
    row->received = row->size;
    row->complete = true;
    return *row;
}

} // namespace

Result<UploadRequest> read_upload_request(std::uint64_t length, const tus::Metadata& metadata,
                                          const FileSettings& settings) {
    if (auto ok = tus::check_new_upload(length, settings.max_upload_bytes); !ok) return ok.error();
    UploadRequest r;
    r.length = length;
    auto patient = read_patient(metadata);
    if (!patient) return patient.error();
    r.patient_id = *patient;

    std::string space = "professional";
    if (metadata.find("space")) {
        auto given = metadata.required_text("space", 20);
        if (!given) return given.error();
        space = *given;
    }
    if (space != "professional" && space != "family")
        return Error::invalid("space", "Upload-Metadata space must be professional or family");
    r.family = space == "family";

    if (const auto* sha = metadata.find("sha256"); sha && sha->value) {
        auto bytes = encoding::hex_decode(*sha->value);
        if (!bytes || bytes->size() != 32)
            return Error::invalid("sha256", "Upload-Metadata sha256 must be the file's SHA-256 in hex");
        r.expected_sha256 = to_string(*bytes);
    }

    if (r.family) { // sealed in the browser: nothing here is readable, nothing is sniffed
        // Its name and type travel only inside the encrypted family memo that shares it: a
        // client that sends them in the clear is refused rather than stored with them.
        for (const char* plain : {"filename", "filetype"})
            if (metadata.find(plain))
                return Error::invalid(plain, std::string("a family file's ") + plain +
                                                 " travels only inside its encrypted memo, never in Upload-Metadata");
        if (const auto* sealed = metadata.find("metadata"); sealed && sealed->value) {
            if (sealed->value->size() > k_max_encrypted_metadata)
                return Error::invalid("metadata", "Upload-Metadata metadata is larger than 4 KiB");
            r.encrypted_metadata = *sealed->value;
        }
        r.declared_media_type = "application/octet-stream";
        return r;
    }

    auto raw_name = metadata.required_text("filename", 4 * files::max_file_name_bytes);
    if (!raw_name) return raw_name.error();
    auto name = files::clean_file_name(*raw_name, "filename");
    if (!name) return name.error();
    r.name = *name;
    // What the name alone tells is refused now, before any byte is sent; the content is checked
    // when the upload is complete.
    auto extension = files::extension(r.name);
    if (files::is_refused_extension(extension))
        return Error{ErrorCode::UnsupportedMediaType, "files of this kind (." + extension + ") are not accepted",
                     "filename"};
    if (auto type = type_of_extension(extension); type && !settings.accepted.accepts(*type))
        return Error{ErrorCode::UnsupportedMediaType,
                     std::string(files::info(*type).label.en) + " files are not accepted here", "filename"};
    if (const auto* declared = metadata.find("filetype"); declared && declared->value) {
        if (declared->value->size() > 255) return Error::invalid("filetype", "Upload-Metadata filetype is too long");
        r.declared_media_type = *declared->value;
    }
    return r;
}

std::int64_t create_upload(db::Tx& tx, const UploadRequest& r, std::int64_t uploader) {
    repositories::NewFile f;
    f.kind = r.family ? "family" : "professional";
    f.owner_kind = "patient";
    f.owner_id = r.patient_id;
    f.patient_id = r.patient_id;
    f.uploaded_by = uploader;
    f.name = r.name;
    f.declared_media_type = r.declared_media_type;
    f.encrypted_metadata = r.encrypted_metadata;
    f.expected_sha256 = r.expected_sha256;
    f.size = r.length;
    return repositories::insert_file(tx, f);
}

std::optional<repositories::FileRow> find_file(db::Tx& tx, std::int64_t id) { return repositories::find_file(tx, id); }

Result<std::shared_ptr<files::UploadSink>> begin_patch(db::Tx& tx, db::Database& database,
                                                       const repositories::FileRow& upload, std::uint64_t offset,
                                                       std::optional<std::uint64_t> content_length,
                                                       std::optional<tus::Checksum> checksum) {
    if (upload.complete) return Error::make(ErrorCode::Conflict, "the upload is already complete");
    if (auto ok = tus::check_patch(upload.received, upload.size, offset, content_length); !ok) return ok.error();
    auto token = encoding::hex_encode(crypto::random_bytes(16));
    if (!repositories::take_lease(tx, upload.id, token, files::k_lease_seconds))
        return Error::make(ErrorCode::Locked, "another PATCH of this upload is still running; retry after it ends");
    repositories::delete_chunks_from(tx, upload.id, upload.received);
    files::UploadSink::Start start;
    start.file_id = upload.id;
    start.patient_id = upload.patient_id;
    start.offset = upload.received;
    start.length = upload.size;
    start.lease = token;
    start.checksum = std::move(checksum);
    if (upload.received > 0) {
        auto restored = upload.hash_state ? files::FileHash::restore(*upload.hash_state) : std::nullopt;
        if (!restored) return Error::make(ErrorCode::Internal, "the upload's digest state cannot be read");
        start.hash = *restored;
    }
    return std::make_shared<files::UploadSink>(database, std::move(start));
}

Result<PatchResult> finish_patch(Files& files, files::UploadSink& sink, db::UnitOfWork& work) {
    auto finished = sink.finish();
    PatchResult out;
    out.offset = finished.offset;
    out.checksum_mismatch = !finished.checksum_matches;
    if (out.checksum_mismatch) return out;
    auto upload = files.database().transact([&](db::Tx& tx) { return repositories::find_file(tx, sink.file_id()); });
    if (!upload) return Error::make(ErrorCode::NotFound, "the upload was terminated");
    if (finished.offset < upload->size) return out;
    auto completed = complete(files, sink.file_id(), finished.hash, work);
    if (!completed) return completed.error();
    out.completed = std::move(*completed);
    return out;
}

Status terminate_upload(db::Tx& tx, const repositories::FileRow& upload) {
    if (upload.complete)
        return Error::make(ErrorCode::Conflict, "a complete file is part of the patient's record and is not deleted");
    repositories::delete_file(tx, upload.id);
    return {};
}

std::vector<repositories::FileRow> patient_files(db::Tx& tx, std::int64_t patient_id, bool family) {
    return repositories::list_patient_files(tx, patient_id, family ? "family" : "professional");
}

} // namespace mimamori::services
