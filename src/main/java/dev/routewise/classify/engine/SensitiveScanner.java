package dev.routewise.classify.engine;

/**
 * Finds e-mail addresses, phone numbers, payment card numbers (Luhn-checked), IBANs (mod-97-checked)
 * and secrets (API keys, tokens, private keys, passwords in assignments) with hand-written scans,
 * so a prompt is checked in microseconds. Reports only the kinds, never the values.
 */
final class SensitiveScanner {

    private static final String[] SECRET_PREFIXES = {"sk-", "sk_live_", "sk_test_", "rk_live_", "pk_live_", "ghp_",
            "gho_", "ghs_", "ghu_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xoxs-", "akia", "asia",
            "aiza", "rw_", "hf_", "npm_", "shpat_", "sg."};
    private static final String[] SECRET_KEYS = {"password", "passwd", "pwd", "secret", "api_key", "apikey",
            "api-key", "access_key", "access-key", "client_secret", "auth_token", "token", "private_key"};

    private SensitiveScanner() {
    }

    static SensitiveData scan(String text, String lower) {
        boolean email = false;
        boolean phone = false;
        boolean card = false;
        boolean secret = lower.contains("-----begin") && lower.contains("private key");
        boolean iban = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '@' && !email) {
                email = isEmailAt(text, i);
            } else if ((c == '+' || c == '(' || isDigit(c)) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                int end = numberRunEnd(text, i);
                if (end > i) {
                    int digits = countDigits(text, i, end);
                    if (!card && digits >= 13 && digits <= 19 && luhn(text, i, end) && !looksLikeDate(text, i)) {
                        card = true;
                    } else if (!phone && isPhone(text, i, end, digits)) {
                        phone = true;
                    }
                    i = end - 1;
                }
            } else if (!secret && Character.isLetter(c) && (i == 0 || !Character.isLetter(text.charAt(i - 1)))) {
                secret = isSecretAt(text, lower, i);
            }
            if (!iban && i + 15 < n && isUpper(c) && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3)) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                iban = isIban(text, i);
            }
        }
        return email || phone || card || secret || iban ? new SensitiveData(email, phone, card, secret, iban)
                : SensitiveData.NONE;
    }

    private static boolean isEmailAt(String s, int at) {
        int l = at - 1;
        while (l >= 0 && (Character.isLetterOrDigit(s.charAt(l)) || ".-_+%".indexOf(s.charAt(l)) >= 0)) {
            l--;
        }
        if (at - l - 1 < 1) {
            return false;
        }
        int r = at + 1;
        int lastDot = -1;
        while (r < s.length() && (Character.isLetterOrDigit(s.charAt(r)) || s.charAt(r) == '.' || s.charAt(r) == '-')) {
            if (s.charAt(r) == '.') {
                lastDot = r;
            }
            r++;
        }
        if (r > at + 1 && s.charAt(r - 1) == '.') {
            r--;
            lastDot = s.lastIndexOf('.', r - 1) > at ? s.lastIndexOf('.', r - 1) : -1;
        }
        if (lastDot < 0 || lastDot <= at + 1) {
            return false;
        }
        int tld = r - lastDot - 1;
        if (tld < 2 || tld > 24) {
            return false;
        }
        for (int i = lastDot + 1; i < r; i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A run of digits with single separators (space, dash, dot, parentheses, a leading plus). */
    private static int numberRunEnd(String s, int start) {
        int i = start;
        int n = s.length();
        if (s.charAt(i) == '+' || s.charAt(i) == '(') {
            i++;
        }
        int end = -1;
        while (i < n) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                i++;
                end = i;
            } else if ((c == ' ' || c == '-' || c == '.' || c == ')' || c == '(' || c == '/') && i + 1 < n
                    && (isDigit(s.charAt(i + 1)) || (c == ')' && s.charAt(i + 1) == ' ' && i + 2 < n
                    && isDigit(s.charAt(i + 2))))) {
                i++;
            } else {
                break;
            }
        }
        if (end < 0) {
            return start;
        }
        if (end < n && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '_')) {
            return start + 1; // part of an identifier or a unit: not a number to check
        }
        return end;
    }

    private static boolean isPhone(String s, int start, int end, int digits) {
        if (digits < 9 || digits > 15) {
            return false;
        }
        boolean plus = s.charAt(start) == '+';
        int separators = 0;
        int dots = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-' || c == '(' || c == ')') {
                separators++;
            } else if (c == '.') {
                dots++;
            } else if (c == '/') {
                return false;
            }
        }
        if (looksLikeDate(s, start)) {
            return false;
        }
        if (dots > 0 && !plus) {
            return false; // version numbers, IP addresses, decimals
        }
        return plus || (separators >= 1 && separators <= 4) || (digits >= 10 && digits <= 11 && s.charAt(start) == '0');
    }

    private static boolean looksLikeDate(String s, int start) {
        return start + 4 < s.length() && isDigit(s.charAt(start)) && isDigit(s.charAt(start + 3))
                && (s.charAt(start + 4) == '-' || s.charAt(start + 4) == '/')
                && (s.startsWith("19", start) || s.startsWith("20", start));
    }

    private static int countDigits(String s, int start, int end) {
        int d = 0;
        for (int i = start; i < end; i++) {
            if (isDigit(s.charAt(i))) {
                d++;
            }
        }
        return d;
    }

    private static boolean luhn(String s, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        boolean allSame = true;
        char first = 0;
        for (int i = end - 1; i >= start; i--) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                if (c != ' ' && c != '-') {
                    return false;
                }
                continue;
            }
            if (first == 0) {
                first = c;
            } else if (c != first) {
                allSame = false;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return !allSame && sum % 10 == 0;
    }

    private static boolean isIban(String s, int start) {
        StringBuilder compact = new StringBuilder(34);
        int i = start;
        while (i < s.length() && compact.length() < 34) {
            char c = s.charAt(i);
            if (isDigit(c) || isUpper(c)) {
                compact.append(c);
            } else if (c == ' ' && i + 1 < s.length() && (isDigit(s.charAt(i + 1)) || isUpper(s.charAt(i + 1)))) {
                // grouped in fours
            } else {
                break;
            }
            i++;
        }
        if (compact.length() < 15) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int mod = 0;
        for (int k = 0; k < rearranged.length(); k++) {
            char c = rearranged.charAt(k);
            int v = isDigit(c) ? c - '0' : c - 'A' + 10;
            mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
        }
        return mod == 1;
    }

    private static boolean isSecretAt(String s, String lower, int i) {
        for (String prefix : SECRET_PREFIXES) {
            if (lower.startsWith(prefix, i)) {
                int end = tokenEnd(s, i);
                int len = end - i - prefix.length();
                if (len >= 16 && mixedClasses(s, i + prefix.length(), end)) {
                    return true;
                }
            }
        }
        if (lower.startsWith("eyj", i)) { // a JSON Web Token
            int end = tokenEnd(s, i);
            int dots = 0;
            for (int k = i; k < end; k++) {
                if (s.charAt(k) == '.') {
                    dots++;
                }
            }
            if (dots == 2 && end - i > 40) {
                return true;
            }
        }
        if (lower.startsWith("bearer ", i)) {
            int end = tokenEnd(s, i + 7);
            return end - i - 7 >= 20 && mixedClasses(s, i + 7, end) && !lower.startsWith("<", i + 7);
        }
        for (String key : SECRET_KEYS) {
            if (lower.startsWith(key, i)) {
                int k = i + key.length();
                while (k < s.length() && (s.charAt(k) == '"' || s.charAt(k) == '\'' || s.charAt(k) == ' '
                        || s.charAt(k) == '_' || Character.isLetter(s.charAt(k)))) {
                    if (Character.isLetter(s.charAt(k)) && k > i + key.length() + 8) {
                        break;
                    }
                    k++;
                }
                if (k < s.length() && (s.charAt(k) == '=' || s.charAt(k) == ':')) {
                    k++;
                    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\'')) {
                        k++;
                    }
                    int end = tokenEnd(s, k);
                    if (end - k >= 8 && !isPlaceholder(lower, k, end)) {
                        return true;
                    }
                }
            }
        }
        // a long random-looking token: upper, lower and digits mixed, 32+ characters
        int end = tokenEnd(s, i);
        return end - i >= 32 && mixedClasses(s, i, end) && randomLooking(s, i, end);
    }

    private static boolean isPlaceholder(String lower, int start, int end) {
        String v = lower.substring(start, end);
        return v.startsWith("$") || v.startsWith("<") || v.startsWith("{") || v.startsWith("%") || v.contains("xxxx")
                || v.contains("your") || v.contains("example") || v.contains("changeme") || v.contains("placeholder")
                || v.contains("env") || v.contains("getenv") || v.contains("(") || v.equals("********");
    }

    private static int tokenEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '+' || c == '=') {
                i++;
            } else {
                break;
            }
        }
        while (i > 0 && (s.charAt(i - 1) == '.' || s.charAt(i - 1) == '-')) {
            i--;
        }
        return i;
    }

    private static boolean mixedClasses(String s, int start, int end) {
        boolean upper = false;
        boolean lowerCase = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            upper |= isUpper(c);
            lowerCase |= c >= 'a' && c <= 'z';
            digit |= isDigit(c);
        }
        return digit && (upper || lowerCase) && (upper && lowerCase || end - start >= 20);
    }

    /** Few separators: not a path, a URL, a dotted name or camelCase words. */
    private static boolean randomLooking(String s, int start, int end) {
        int separators = 0;
        int caseChanges = 0;
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '.' || c == '-' || c == '_') {
                separators++;
            }
            if (isDigit(c)) {
                digits++;
            }
            if (i > start && isUpper(c) != isUpper(s.charAt(i - 1))) {
                caseChanges++;
            }
        }
        return separators <= 2 && digits >= 4 && caseChanges >= 8;
    }

    private static boolean isWordStart(String s, int i) {
        return i == 0 || !isWordChar(s.charAt(i - 1));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
