# node-gyp build of the keras-ts native backend (scripts/build-native.mjs runs it at npm install).
# The instruction-set kernels are static libraries of their own so that each gets its own ISA flags
# (never -march=native: one binary runs on every x86-64 CPU and picks kernels at run time).
{
  "variables": {
    "kts_cflags": ["-O3", "-ffp-contract=off", "-fno-math-errno", "-fno-strict-aliasing", "-fPIC", "-Wall"],
  },
  "target_defaults": {
    "cflags_cc": ["<@(kts_cflags)", "-std=c++17"],
    "cflags": ["<@(kts_cflags)"],
    "xcode_settings": {
      "OTHER_CPLUSPLUSFLAGS": ["<@(kts_cflags)", "-std=c++17"],
      "MACOSX_DEPLOYMENT_TARGET": "11.0",
    },
    "conditions": [
      ["target_arch=='x64'", {"defines": ["KTS_X86_KERNELS"]}],
    ],
  },
  "targets": [
    {
      "target_name": "keras_ts_native",
      "sources": [
        "native/src/binding.cc",
        "native/src/binding_linalg.cc",
        "native/src/binding_elementwise.cc",
        "native/src/binding_movement.cc",
        "native/src/binding_rows.cc",
        "native/src/matmul.cc",
        "native/src/elementwise.cc",
        "native/src/unary.cc",
        "native/src/binary.cc",
        "native/src/reduce.cc",
        "native/src/fused.cc",
        "native/src/movement.cc",
        "native/src/rows.cc",
        "native/src/ordering.cc",
        "native/src/cumulative.cc",
        "native/src/select.cc",
        "native/src/thread_pool.cc",
        "native/src/gemm_scalar.cc",
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "xcode_settings": {"GCC_ENABLE_CPP_EXCEPTIONS": "YES"},
      "conditions": [
        ["target_arch=='x64'", {"dependencies": ["kts_avx2", "kts_avx512"]}],
        ["OS=='linux'", {"libraries": ["-pthread"]}],
      ],
    },
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "kts_avx2",
          "type": "static_library",
          "sources": ["native/src/gemm_avx2.cc"],
          "cflags_cc": ["-mavx2", "-mfma"],
          "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma"]},
        },
        {
          "target_name": "kts_avx512",
          "type": "static_library",
          "sources": ["native/src/gemm_avx512.cc"],
          "cflags_cc": ["-mavx512f", "-mavx2", "-mfma"],
          "xcode_settings": {"OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-mavx2", "-mfma"]},
        },
      ],
    }],
  ],
}
