namespace ClipGeometry.Embedding.Models;

/// <summary>How a model's ONNX files are laid out, detected from file and tensor names.</summary>
public enum ModelLayout
{
    /// <summary>HF Optimum's combined <c>model.onnx</c>: inputs input_ids, pixel_values, attention_mask; outputs image_embeds, text_embeds (normalised).</summary>
    Combined,

    /// <summary>Separate <c>vision_model.onnx</c> (pixel_values → image_embeds) and <c>text_model.onnx</c> (input_ids → text_embeds), not normalised.</summary>
    Separate,

    /// <summary>The embedded ImageNet ResNet-18 (images only): 512 pooled features.</summary>
    ResNet18,
}
