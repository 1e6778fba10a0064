#include "heatlift/python/session.hpp"

namespace heatlift::python {

Session::Session(const std::optional<std::filesystem::path>& data_dir)
    : data_(core::DataStore::from_environment(data_dir)),
      fluids_(data_),
      products_(data_, fluids_),
      site_(data_, products_) {}

const standards::StandardsLibrary& Session::standards() const {
  std::call_once(standards_once_, [this] {
    standards_ =
        std::make_unique<standards::StandardsLibrary>(standards::StandardsLibrary::load(data_));
    gwp_ = std::make_unique<fluids::GwpTable>(fluids::GwpTable::load(data_));
  });
  return *standards_;
}

const fluids::GwpTable& Session::gwp() const {
  standards();
  return *gwp_;
}

std::string Session::data_dir() const {
  return data_.user_dir() ? data_.user_dir()->string() : std::string();
}

}  // namespace heatlift::python
