#!/usr/bin/env python3
"""Writes vision_model.onnx: a trivial image 'encoder' for the embedder's pipeline tests.

pixel_values float32 [n, 3, 2, 2] -> image_embeds float32 [n, 12], a Flatten: each embedding is the image's
preprocessed pixels, so a test can tell which image landed in which row. With preprocessor_config.json (2x2 crop)
beside it, it is a model directory the ImageEncoder opens as the 'separate' layout.
Run: /usr/bin/python3 make_flatten_model.py   (Debian python3-onnx 1.12; writes next to this script)
"""
import os

import onnx
from onnx import TensorProto, helper

here = os.path.dirname(os.path.abspath(__file__))
pixels = helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["n", 3, 2, 2])
embeds = helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT, ["n", 12])
node = helper.make_node("Flatten", ["pixel_values"], ["image_embeds"], axis=1)
graph = helper.make_graph([node], "flatten", [pixels], [embeds])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="clipgeo-tests")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(here, "vision_model.onnx"))
