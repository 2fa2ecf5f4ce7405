// GMime as mail/ uses it: started once per process, and a GObject reference released on scope
// exit (streams, parts, messages). Internal to mail/.
#pragma once

#include <glib-object.h>

namespace mentorcal::mail {

// Start GMime (g_mime_init) the first time; later calls do nothing. Thread-safe.
void init_gmime();

template <typename T>
class Ref {
 public:
  explicit Ref(T* p) : p_(p) {}
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref&) = delete;
  ~Ref() {
    if (p_) g_object_unref(p_);
  }
  T* get() const { return p_; }

 private:
  T* p_;
};

}  // namespace mentorcal::mail
