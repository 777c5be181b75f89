package org.odcmigrate.api.core;

import java.util.List;
import org.odcmigrate.users.EmailIssue;

/**
 * The pre-flight check of an environment's end users: who cannot log in to ODC as things stand.
 *
 * @param usersChecked end users of the default Users provider, active and inactive
 */
public record UserValidation(String environment, int usersChecked, List<EmailIssue> offenders) {}
