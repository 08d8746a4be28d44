// The browser app's entry point: the app is created once and lives as long as the page; main()
// returns at once and frames follow on demand (platform/runtime.hpp).

#include "app.hpp"
#include "family/family_vault.hpp"
#include "platform/runtime.hpp"

int main() {
    mimamori::web::family::install_unload_wipe(); // the family space keys go with the page
    static mimamori::web::App app;
    mimamori::web::runtime::start(app);
    return 0;
}
