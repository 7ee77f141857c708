package dev.routewise.classify.engine;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveDataTest {

    private static SensitiveData scan(String text) {
        return SensitiveScanner.scan(text, text.toLowerCase(Locale.ROOT));
    }

    @Test
    void an_email_address_is_flagged() {
        assertThat(scan("Send the report to jane.doe+q3@example.co.uk please").email()).isTrue();
        assertThat(scan("Use the @Override annotation and @media queries").email()).isFalse();
    }

    @Test
    void phone_numbers_are_flagged_but_dates_versions_and_addresses_are_not() {
        assertThat(scan("Call me on +49 30 1234 5678 tomorrow").phone()).isTrue();
        assertThat(scan("Our support line is (415) 555-0132.").phone()).isTrue();
        assertThat(scan("Released on 2024-05-15 10:30 as version 3.12.1").phone()).isFalse();
        assertThat(scan("Ping 192.168.100.200 and 10.0.0.1").phone()).isFalse();
        assertThat(scan("The sum 1, 2, 3, 4, 5 is 15").phone()).isFalse();
    }

    @Test
    void a_card_number_that_passes_the_luhn_check_is_flagged() {
        assertThat(scan("My card is 4111 1111 1111 1111, exp 12/27").cardNumber()).isTrue();
        assertThat(scan("Order number 4111 1111 1111 1112").cardNumber()).isFalse();
    }

    @Test
    void api_keys_tokens_and_private_keys_are_secrets() {
        assertThat(scan("export OPENAI_API_KEY=sk-proj-4f9Xk2LmQ8vT1zR7nB3wY6cD").secret()).isTrue();
        assertThat(scan("token ghp_16C7e42F292c6912E7710c838347Ae178B4a").secret()).isTrue();
        assertThat(scan("aws key AKIAIOSFODNN7EXAMPLE1234 in config").secret()).isTrue();
        assertThat(scan("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...").secret()).isTrue();
        assertThat(scan("db.password=Tr0ub4dor&3xyz").secret()).isTrue();
    }

    @Test
    void placeholders_hashes_and_ordinary_code_are_not_secrets() {
        assertThat(scan("password=${DB_PASSWORD}").secret()).isFalse();
        assertThat(scan("api_key: <your-key-here>").secret()).isFalse();
        assertThat(scan("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed it").secret()).isFalse();
        assertThat(scan("UserAccountRepositoryImplementationFactoryBean is a long name").secret()).isFalse();
    }

    @Test
    void a_valid_iban_is_flagged() {
        assertThat(scan("Transfer to DE89 3704 0044 0532 0130 00 today").iban()).isTrue();
        assertThat(scan("Transfer to DE89 3704 0044 0532 0130 01 today").iban()).isFalse();
    }

    @Test
    void a_prompt_without_personal_data_is_clean() {
        assertThat(scan("Write a haiku about autumn leaves in Kyoto.").any()).isFalse();
    }
}
