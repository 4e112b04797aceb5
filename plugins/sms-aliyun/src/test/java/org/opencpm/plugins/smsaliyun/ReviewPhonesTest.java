package org.opencpm.plugins.smsaliyun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * Review (h-review): Dysmsapi's SendSms reads PhoneNumbers without a prefix as a mainland mobile when
 * it is 11 digits (its doc: "国内短信：+/+86/0086/86或无任何前缀的11位手机号码"; 国际: "国际区号+号码").
 */
class ReviewPhonesTest {

    @Test
    @DisplayName("A North-American number (+1 312 345 6789) is never sent as 13123456789, a mainland mobile's form (someone else in China)")
    void a_nanp_number_is_not_written_as_a_mainland_mobile() {
        Optional<String> written = Phones.toDysmsapi(SubjectIdentifier.of(IdentifierType.PHONE, "+13123456789"));
        assertThat(written).as("the permit was for +1 312 345 6789; Dysmsapi would deliver to mainland 131-2345-6789")
                .isNotEqualTo(Optional.of("13123456789"));
    }
}
