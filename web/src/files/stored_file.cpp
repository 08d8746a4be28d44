// StoredFile from the server's JSON (openapi.json components/schemas/StoredFile).

#include "api/json_reader.hpp"
#include "files/attachments.hpp"

namespace mimamori::web::files {

Result<StoredFile> read_stored_file(const Json& object) {
    if (!object.is_object()) return Error::invalid("attachments", "a file should be an object");
    api::JsonReader r(object, "file");
    StoredFile f;
    f.id = r.id("id");
    f.space = r.str("space");
    f.name = r.opt_str("name");
    f.media_type = r.str("media_type");
    f.file_type = r.opt_str("file_type");
    f.size = r.integer("size");
    f.sha256 = r.opt_str("sha256");
    if (const Json* by = r.object("uploaded_by")) {
        api::JsonReader b(*by, "uploaded_by");
        f.uploaded_by_id = b.opt_id("id");
        f.uploaded_by_name = b.opt_str("name");
        if (b.error()) r.fail(*b.error());
    }
    f.created_at = r.str("created_at");
    f.url = r.str("url");
    f.preview = r.str("preview");
    f.encrypted_metadata = r.opt_str("encrypted_metadata");
    return r.result(std::move(f));
}

Result<std::vector<StoredFile>> read_stored_files(const Json& array) {
    if (!array.is_array()) return Error::invalid("attachments", "the files should be a list");
    return api::read_list<StoredFile>(array, read_stored_file);
}

} // namespace mimamori::web::files
