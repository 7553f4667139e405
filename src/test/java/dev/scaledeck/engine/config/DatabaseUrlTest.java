package dev.scaledeck.engine.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlTest {

    @Test
    void shouldConvertPostgresUrlToJdbcWithSeparateCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss@db.internal:6543/converter?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/converter?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.masked()).doesNotContain("p@ss").contains("user app, password ****");
    }

    @Test
    void shouldKeepJdbcUrlsAndMaskPasswordParameters() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/app?user=a&password=hunter2&ssl=true");
        assertThat(url.jdbcUrl()).contains("password=hunter2");
        assertThat(url.masked()).isEqualTo("jdbc:postgresql://localhost:5432/app?user=a&password=****&ssl=true");
        assertThat(url.toString()).doesNotContain("hunter2");
    }

    @Test
    void shouldMaskUserInfoInAnyText() {
        assertThat(DatabaseUrl.maskPasswords("failed: postgres://u:topsecret@h:1/d refused"))
                .isEqualTo("failed: postgres://u:****@h:1/d refused");
    }
}
