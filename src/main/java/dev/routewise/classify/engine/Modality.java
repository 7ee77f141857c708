package dev.routewise.classify.engine;

import java.util.Locale;

/** What a model must accept to answer a request. */
public enum Modality {
    TEXT, IMAGE, AUDIO, FILE, VIDEO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The modality of an OpenAI-format content part type ({@code text}, {@code image_url},
     * {@code input_audio}, {@code file}); unknown types count as text.
     */
    public static Modality ofPartType(String type) {
        if (type == null) {
            return TEXT;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "image_url", "image", "input_image" -> IMAGE;
            case "input_audio", "audio", "audio_url" -> AUDIO;
            case "file", "input_file", "document" -> FILE;
            case "video", "video_url", "input_video" -> VIDEO;
            default -> TEXT;
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
