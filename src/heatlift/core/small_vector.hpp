// A vector that keeps its first N elements inside itself and goes to the heap only beyond
// them: for short lists built on hot paths (a cycle's nodes, its processes, its entropy
// terms), where std::vector's allocation and release cost more than filling the list.
// The subset of std::vector's interface those lists use; iterators are pointers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace heatlift::core {

template <typename T, std::size_t N>
class SmallVector {
  static_assert(N > 0, "SmallVector needs inline room for at least one element");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = T*;
  using const_iterator = const T*;

  SmallVector() noexcept = default;
  SmallVector(std::initializer_list<T> init) { assign(init.begin(), init.end()); }
  SmallVector(const SmallVector& o) { assign(o.begin(), o.end()); }
  SmallVector(SmallVector&& o) noexcept(std::is_nothrow_move_constructible_v<T>) {
    take(std::move(o));
  }
  SmallVector& operator=(const SmallVector& o) {
    if (this != &o) {
      clear();
      assign(o.begin(), o.end());
    }
    return *this;
  }
  SmallVector& operator=(SmallVector&& o) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &o) {
      release();
      take(std::move(o));
    }
    return *this;
  }
  SmallVector& operator=(std::initializer_list<T> init) {
    clear();
    assign(init.begin(), init.end());
    return *this;
  }
  ~SmallVector() { release(); }

  size_type size() const noexcept { return size_; }
  size_type capacity() const noexcept { return cap_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  iterator begin() noexcept { return data_; }
  iterator end() noexcept { return data_ + size_; }
  const_iterator begin() const noexcept { return data_; }
  const_iterator end() const noexcept { return data_ + size_; }
  T& operator[](size_type i) noexcept { return data_[i]; }
  const T& operator[](size_type i) const noexcept { return data_[i]; }
  T& front() noexcept { return data_[0]; }
  const T& front() const noexcept { return data_[0]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }

  void reserve(size_type n) {
    if (n > cap_) grow(n);
  }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == cap_) return emplace_grow(std::forward<Args>(args)...);
    T* p = ::new (static_cast<void*>(data_ + size_)) T{std::forward<Args>(args)...};
    ++size_;
    return *p;
  }
  void push_back(const T& v) { emplace_back(v); }
  void push_back(T&& v) { emplace_back(std::move(v)); }
  void pop_back() noexcept { std::destroy_at(data_ + --size_); }
  void clear() noexcept {
    std::destroy(data_, data_ + size_);
    size_ = 0;
  }

 private:
  T* inline_data() noexcept { return reinterpret_cast<T*>(buf_); }
  bool on_heap() const noexcept { return cap_ > N; }

  static constexpr bool kBitwise = std::is_trivially_copyable_v<T>;

  // n elements from `from` into uninitialised `to` (moved, or copied bytewise).
  static void relocate_into(T* from, size_type n, T* to) {
    if constexpr (kBitwise) {
      if (n) std::memcpy(static_cast<void*>(to), from, n * sizeof(T));
    } else {
      std::uninitialized_move(from, from + n, to);
    }
  }
  template <typename It>
  void assign(It first, It last) {
    const auto n = static_cast<size_type>(last - first);
    reserve(n);
    if constexpr (kBitwise) {
      if (n) std::memcpy(static_cast<void*>(data_ + size_), &*first, n * sizeof(T));
      size_ += n;
    } else {
      for (; first != last; ++first) emplace_back(*first);
    }
  }
  void grow(size_type n) {
    T* p = static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
    adopt(p, n);
  }
  // Elements move to the block p of capacity n, which the vector then owns.
  void adopt(T* p, size_type n) noexcept {
    relocate_into(data_, size_, p);
    std::destroy(data_, data_ + size_);
    if (on_heap()) ::operator delete (data_, std::align_val_t{alignof(T)});
    data_ = p;
    cap_ = n;
  }
  // A full vector's next element: built in the new block before the old one goes, so that
  // the arguments may refer to the vector's own elements (as with std::vector).
  template <typename... Args>
  T& emplace_grow(Args&&... args) {
    const size_type n = cap_ * 2;
    T* p = static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{alignof(T)}));
    T* q;
    try {
      q = ::new (static_cast<void*>(p + size_)) T{std::forward<Args>(args)...};
    } catch (...) {
      ::operator delete (p, std::align_val_t{alignof(T)});
      throw;
    }
    adopt(p, n);
    ++size_;
    return *q;
  }
  void release() noexcept {
    clear();
    if (on_heap()) ::operator delete (data_, std::align_val_t{alignof(T)});
    data_ = inline_data();
    cap_ = N;
  }
  // From a moved-from source: its heap block, or its inline elements moved one by one.
  void take(SmallVector&& o) {
    if (o.on_heap()) {
      data_ = o.data_;
      size_ = o.size_;
      cap_ = o.cap_;
      o.data_ = o.inline_data();
      o.size_ = 0;
      o.cap_ = N;
    } else {
      data_ = inline_data();
      cap_ = N;
      relocate_into(o.data_, o.size_, data_);
      size_ = o.size_;
      o.clear();
    }
  }

  alignas(T) unsigned char buf_[N * sizeof(T)];
  T* data_ = inline_data();
  size_type size_ = 0;
  size_type cap_ = N;
};

}  // namespace heatlift::core
