#pragma once
// The raw HDF5 C baseline: hand-written code that writes exactly the layout dd writes (same groups,
// attributes, datasets, types, creation properties and order) and reads it back into the same C++
// data — the practical limit dd is measured against. It checks every call, creates its property
// lists once per file like dd does per save, and does no other validation than sizing its
// destination from the stored shape.
//
// The layout (include/dd/codec, h5/group.hpp, h5/file.hpp):
//   file:        H5Fcreate with an fcpl without root timestamps and a fapl with H5F_CLOSE_STRONG and the
//                HDF5 1.8 format (library version bounds V18, V18)
//   root:        attribute DEEPDISH_IO_VERSION, int64 LE scalar = 12
//   top level:   a struct or map is the root itself; anything else is dataset /data, and the root gets
//                DEEPDISH_IO_DEEPDISH_IO_UNPACK, B8LE scalar = 1
//   struct:      a group (no timestamps); numbers, bools and strings are scalar attributes of it
//                (LE native width, B8LE, fixed-length NUL-terminated UTF-8 of the string's length),
//                contiguous number ranges a
//                contiguous dataset of their full shape (no timestamps)
//   map<string, V>: a group with one member per key
//   names:       UTF-8 link and attribute names
// dd writes a temporary file and renames it over the target; the baseline writes the target directly.
#include <hdf5.h>
#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "workloads.hpp"

namespace bench::c {

template <class R>
R ck(R result, const char* what, int line) {
  if (result < 0) {
    std::fprintf(stderr, "dd_bench: raw HDF5 baseline failed at baseline_c.hpp:%d: %s\n", line, what);
    H5Eprint2(H5E_DEFAULT, stderr);
    std::exit(3);
  }
  return result;
}
#define CK(call) ::bench::c::ck((call), #call, __LINE__)

// The objects a writer needs for one file.
struct file_writer {
  hid_t file = -1, lcpl = -1, acpl = -1, gcpl = -1, dcpl = -1, scalar = -1, str = -1;
};

// --plain-c: the C side keeps HDF5's default attribute storage (dense past 8 attributes), as a plain
// C program does, instead of the compact storage dd chooses for groups of up to 100 members
// (include/dd/h5/file.hpp). The files then differ in layout; the values are still checked.
inline bool plain_layout = false;

// dd's attribute storage for a group (or the root, through the file creation properties) of
// `members` members.
inline void dd_attribute_storage(hid_t object_creation, std::size_t members) {
  if (!plain_layout && members <= 100) CK(H5Pset_attr_phase_change(object_creation, 100, 75));
}

// root_members: what the root holds (dd's attribute storage depends on it).
inline file_writer create_file(const char* path, bool strings, bool groups, std::size_t root_members) {
  file_writer w;
  hid_t fapl = CK(H5Pcreate(H5P_FILE_ACCESS));
  CK(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG));
  CK(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18));
  hid_t fcpl = CK(H5Pcreate(H5P_FILE_CREATE));
  CK(H5Pset_obj_track_times(fcpl, 0));
  dd_attribute_storage(fcpl, root_members);
  w.file = CK(H5Fcreate(path, H5F_ACC_TRUNC, fcpl, fapl));
  CK(H5Pclose(fcpl));
  CK(H5Pclose(fapl));
  w.lcpl = CK(H5Pcreate(H5P_LINK_CREATE));
  CK(H5Pset_char_encoding(w.lcpl, H5T_CSET_UTF8));
  w.acpl = CK(H5Pcreate(H5P_ATTRIBUTE_CREATE));
  CK(H5Pset_char_encoding(w.acpl, H5T_CSET_UTF8));
  w.dcpl = CK(H5Pcreate(H5P_DATASET_CREATE));
  CK(H5Pset_obj_track_times(w.dcpl, 0));
  if (groups) {
    w.gcpl = CK(H5Pcreate(H5P_GROUP_CREATE));
    CK(H5Pset_obj_track_times(w.gcpl, 0));
    dd_attribute_storage(w.gcpl, 10);  // W3's nested struct
  }
  w.scalar = CK(H5Screate(H5S_SCALAR));
  if (strings) {
    w.str = CK(H5Tcopy(H5T_C_S1));  // resized per string
    CK(H5Tset_cset(w.str, H5T_CSET_UTF8));
  }
  return w;
}

inline void close_file(file_writer& w) {
  if (w.str >= 0) CK(H5Tclose(w.str));
  CK(H5Sclose(w.scalar));
  if (w.gcpl >= 0) CK(H5Pclose(w.gcpl));
  CK(H5Pclose(w.dcpl));
  CK(H5Pclose(w.acpl));
  CK(H5Pclose(w.lcpl));
  CK(H5Fclose(w.file));
}

inline void write_attribute(const file_writer& w, hid_t loc, const char* name, hid_t file_type, hid_t mem_type,
                            const void* value) {
  hid_t a = CK(H5Acreate2(loc, name, file_type, w.scalar, w.acpl, H5P_DEFAULT));
  CK(H5Awrite(a, mem_type, value));
  CK(H5Aclose(a));
}

inline void write_string_attribute(const file_writer& w, hid_t loc, const char* name, const std::string& value) {
  CK(H5Tset_size(w.str, value.empty() ? 1 : value.size()));
  write_attribute(w, loc, name, w.str, w.str, value.c_str());
}

inline void write_root(const file_writer& w, bool unpack) {
  const long long version = 12;
  write_attribute(w, w.file, "DEEPDISH_IO_VERSION", H5T_STD_I64LE, H5T_NATIVE_LLONG, &version);
  if (unpack) {
    const unsigned char one = 1;
    write_attribute(w, w.file, "DEEPDISH_IO_DEEPDISH_IO_UNPACK", H5T_STD_B8LE, H5T_NATIVE_B8, &one);
  }
}

inline void write_dataset(const file_writer& w, hid_t loc, const char* name, hid_t file_type, hid_t mem_type,
                          hid_t space, const void* data) {
  hid_t d = CK(H5Dcreate2(loc, name, file_type, space, w.lcpl, w.dcpl, H5P_DEFAULT));
  CK(H5Dwrite(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data));
  CK(H5Dclose(d));
}

inline void write_array(const file_writer& w, hid_t loc, const char* name, hid_t file_type, hid_t mem_type, int rank,
                        const hsize_t* dims, const void* data) {
  hid_t space = CK(H5Screate_simple(rank, dims, nullptr));
  write_dataset(w, loc, name, file_type, mem_type, space, data);
  CK(H5Sclose(space));
}

// Opens `name` in loc, returns its dims (up to 4) and rank.
inline hid_t open_array(hid_t loc, const char* name, hsize_t* dims, int max_rank, int* rank) {
  hid_t d = CK(H5Dopen2(loc, name, H5P_DEFAULT));
  hid_t space = CK(H5Dget_space(d));
  *rank = CK(H5Sget_simple_extent_ndims(space));
  if (*rank > max_rank) {
    std::fprintf(stderr, "dd_bench: baseline: %s has rank %d\n", name, *rank);
    std::exit(3);
  }
  CK(H5Sget_simple_extent_dims(space, dims, nullptr));
  CK(H5Sclose(space));
  return d;
}

inline void read_and_close(hid_t d, hid_t mem_type, void* out) {
  CK(H5Dread(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out));
  CK(H5Dclose(d));
}

// ---- W1: /data float64 (4096, 8192) ----------------------------------------------------------------

inline void w1_save(const char* path, const double* data, std::size_t rows, std::size_t cols) {
  auto w = create_file(path, false, false, 3);  // the version, the unpack flag, /data
  write_root(w, true);
  const hsize_t dims[2] = {rows, cols};
  write_array(w, w.file, "data", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 2, dims, data);
  close_file(w);
}

// A buffer allocated the way numpy allocates a big array: aligned to 2 MiB and advised for
// transparent huge pages (never initialized: pages are faulted in by whoever writes first).
inline double* numpy_like_alloc(std::size_t bytes) {
  const std::size_t huge = std::size_t{2} << 20, rounded = (bytes + huge - 1) / huge * huge;
  void* p = std::aligned_alloc(huge, rounded);
  if (!p) std::exit(3);
  madvise(p, rounded, MADV_HUGEPAGE);
  return static_cast<double*>(p);
}

// Reads /data into out, or into a new buffer allocated like numpy's if out is null. Returns the
// buffer and the element count.
inline double* w1_load(const char* path, double* out, std::size_t* elements) {
  hid_t f = CK(H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT));
  hsize_t dims[4];
  int rank = 0;
  hid_t d = open_array(f, "data", dims, 2, &rank);
  std::size_t n = 1;
  for (int i = 0; i < rank; ++i) n *= dims[i];
  if (!out) out = numpy_like_alloc(n * sizeof(double));
  read_and_close(d, H5T_NATIVE_DOUBLE, out);
  CK(H5Fclose(f));
  *elements = n;
  return out;
}

// ---- W2: the root holds data float32 (100, 3, 32, 32) and label float32 (100) ----------------------

inline void w2_save(const char* path, const w2_sample& s) {
  auto w = create_file(path, false, false, 3);  // data, label, the version
  write_root(w, false);
  const hsize_t data_dims[4] = {s.data.size(), 3, 32, 32};
  write_array(w, w.file, "data", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, 4, data_dims, s.data.data());
  const hsize_t label_dims[1] = {s.label.size()};
  write_array(w, w.file, "label", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, 1, label_dims, s.label.data());
  close_file(w);
}

inline void w2_load(const char* path, w2_sample& s) {
  hid_t f = CK(H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT));
  hsize_t dims[4];
  int rank = 0;
  hid_t d = open_array(f, "data", dims, 4, &rank);
  s.data.resize(dims[0]);
  read_and_close(d, H5T_NATIVE_FLOAT, s.data.data());
  d = open_array(f, "label", dims, 1, &rank);
  s.label.resize(dims[0]);
  read_and_close(d, H5T_NATIVE_FLOAT, s.label.data());
  CK(H5Fclose(f));
}

// ---- W3: the config struct is the root; nested is a group -----------------------------------------

inline void w3_save(const char* path, const w3_config& c) {
  const auto v = w3_view(c);
  using view = decltype(v);
  auto w = create_file(path, true, true, 42);  // 41 fields, the version
  write_root(w, false);
  for (int k = 0; k < 10; ++k) write_attribute(w, w.file, view::int_names[k], H5T_STD_I64LE, H5T_NATIVE_INT64, v.i[k]);
  for (int k = 0; k < 10; ++k)
    write_attribute(w, w.file, view::double_names[k], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.d[k]);
  for (int k = 0; k < 10; ++k) write_string_attribute(w, w.file, view::string_names[k], *v.s[k]);
  for (int k = 0; k < 5; ++k) write_attribute(w, w.file, view::bool_names[k], H5T_STD_B8LE, H5T_NATIVE_B8, v.b[k]);
  const hsize_t eight[1] = {8};
  hid_t space = CK(H5Screate_simple(1, eight, nullptr));
  for (int k = 0; k < 5; ++k)
    write_dataset(w, w.file, view::array_names[k], H5T_STD_I64LE, H5T_NATIVE_INT64, space, v.a[k]->data());
  CK(H5Sclose(space));
  hid_t g = CK(H5Gcreate2(w.file, "nested", w.lcpl, w.gcpl, H5P_DEFAULT));
  for (int k = 0; k < 10; ++k) write_attribute(w, g, view::nested_names[k], H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.x[k]);
  CK(H5Gclose(g));
  close_file(w);
}

inline void read_attribute(hid_t loc, const char* name, hid_t mem_type, void* out) {
  hid_t a = CK(H5Aopen(loc, name, H5P_DEFAULT));
  CK(H5Aread(a, mem_type, out));
  CK(H5Aclose(a));
}

inline void w3_load(const char* path, w3_config& c) {
  auto v = w3_view(c);
  using view = decltype(v);
  hid_t f = CK(H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT));
  for (int k = 0; k < 10; ++k) read_attribute(f, view::int_names[k], H5T_NATIVE_INT64, v.i[k]);
  for (int k = 0; k < 10; ++k) read_attribute(f, view::double_names[k], H5T_NATIVE_DOUBLE, v.d[k]);
  for (int k = 0; k < 10; ++k) {  // fixed-length strings: read in the file's own type, cut at the NUL
    hid_t a = CK(H5Aopen(f, view::string_names[k], H5P_DEFAULT));
    hid_t t = CK(H5Aget_type(a));
    auto& text = *v.s[k];
    text.resize(H5Tget_size(t));
    CK(H5Aread(a, t, text.data()));
    text.resize(text.find('\0') == std::string::npos ? text.size() : text.find('\0'));
    CK(H5Tclose(t));
    CK(H5Aclose(a));
  }
  for (int k = 0; k < 5; ++k) {
    unsigned char b = 0;
    read_attribute(f, view::bool_names[k], H5T_NATIVE_B8, &b);
    *v.b[k] = b != 0;
  }
  for (int k = 0; k < 5; ++k) {
    hid_t d = CK(H5Dopen2(f, view::array_names[k], H5P_DEFAULT));
    read_and_close(d, H5T_NATIVE_INT64, v.a[k]->data());
  }
  hid_t g = CK(H5Gopen2(f, "nested", H5P_DEFAULT));
  for (int k = 0; k < 10; ++k) read_attribute(g, view::nested_names[k], H5T_NATIVE_DOUBLE, v.x[k]);
  CK(H5Gclose(g));
  CK(H5Fclose(f));
}

// ---- W4: the map is the root, one float64 (16,) dataset per key ------------------------------------

inline void w4_save(const char* path, const w4_data& m) {
  auto w = create_file(path, false, false, m.size() + 1);  // the keys, the version
  write_root(w, false);
  hid_t space = -1;
  hsize_t size = 0;
  for (const auto& [key, values] : m) {
    if (space < 0 || size != values.size()) {
      if (space >= 0) CK(H5Sclose(space));
      size = values.size();
      space = CK(H5Screate_simple(1, &size, nullptr));
    }
    write_dataset(w, w.file, key.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space, values.data());
  }
  if (space >= 0) CK(H5Sclose(space));
  close_file(w);
}

inline herr_t w4_load_one(hid_t group, const char* name, const H5L_info_t*, void* out) {
  auto& m = *static_cast<w4_data*>(out);
  hsize_t dims[4];
  int rank = 0;
  hid_t d = open_array(group, name, dims, 1, &rank);
  std::vector<double> values(dims[0]);
  read_and_close(d, H5T_NATIVE_DOUBLE, values.data());
  m.emplace_hint(m.end(), name, std::move(values));
  return 0;
}

inline void w4_load(const char* path, w4_data& m) {
  m.clear();
  hid_t f = CK(H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT));
  hsize_t index = 0;
  CK(H5Literate(f, H5_INDEX_NAME, H5_ITER_INC, &index, w4_load_one, &m));
  CK(H5Fclose(f));
}

#undef CK

}  // namespace bench::c
