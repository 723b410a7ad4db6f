import { Input, type InputProps } from '@fluentui/react-components';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

/**
 * A text input bound to a form field through its value. Fluent's Input keeps the text in its own state, so a
 * `register`ed one went on showing what was typed after `form.reset()` while the form held an empty value.
 */
export function FormInput<T extends FieldValues>({
  control,
  name,
  ...props
}: { control: Control<T>; name: FieldPath<T> } & Omit<InputProps, 'value' | 'defaultValue' | 'onChange' | 'name'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Input
          {...props}
          ref={field.ref}
          name={field.name}
          value={(field.value as string | undefined) ?? ''}
          onBlur={field.onBlur}
          onChange={(_, data) => field.onChange(data.value)}
        />
      )}
    />
  );
}
